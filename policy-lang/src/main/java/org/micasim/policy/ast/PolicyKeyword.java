package org.micasim.policy.ast;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A closed vocabulary of the policy language: each constant has a source keyword and a POLY v1 code. */
public interface PolicyKeyword {
    /** The value written in the POLY v1 binary. */
    int encoding();

    /** The keyword written in policy source (without quotes). */
    String keyword();

    static <E extends Enum<E> & PolicyKeyword> Optional<E> fromEncoding(Class<E> type, int encoding) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.encoding() == encoding).findFirst();
    }

    static <E extends Enum<E> & PolicyKeyword> Optional<E> fromKeyword(Class<E> type, String keyword) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.keyword().equals(keyword)).findFirst();
    }

    /** The allowed keywords as prose, for messages: {@code "R", "W" or "RW"}. */
    static <E extends Enum<E> & PolicyKeyword> String alternatives(Class<E> type) {
        String[] quoted = Arrays.stream(type.getEnumConstants())
                .map(e -> "\"" + e.keyword() + "\"")
                .toArray(String[]::new);
        return Arrays.stream(quoted, 0, quoted.length - 1).collect(Collectors.joining(", "))
                + " or " + quoted[quoted.length - 1];
    }
}
