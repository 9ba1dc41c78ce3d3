package org.micasim.policy.ast;

import java.util.Objects;

/** A value read from source, with the span of the text it came from. */
public record Located<T>(T value, SourceSpan span) {
    public Located {
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(span, "span is null");
    }

    public Located<T> withoutSpan() {
        return new Located<>(value, SourceSpan.NONE);
    }
}
