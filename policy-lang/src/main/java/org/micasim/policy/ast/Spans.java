package org.micasim.policy.ast;

import java.util.List;
import java.util.Optional;

/** Helpers that strip locations, so that syntax trees can be compared by content alone. */
final class Spans {
    private Spans() {}

    static <T> Optional<Located<T>> strip(Optional<Located<T>> value) {
        return value.map(Located::withoutSpan);
    }

    static <T> List<Located<T>> stripAll(List<Located<T>> values) {
        return values.stream().map(Located::withoutSpan).toList();
    }
}
