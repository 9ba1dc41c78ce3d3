package org.micasim.policy.ast;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One mapping of a memory object: {@code "VM<id>" | "ANY": { gpa, prot, any-count }}.
 *
 * <p>@spec mica.md §4.2, §4.3
 */
public record Mapping(
        Located<String> target,
        Optional<Located<BigInteger>> gpa,
        Optional<Located<Prot>> prot,
        Optional<Located<BigInteger>> anyCount,
        SourceSpan span)
        implements PolicyNode {
    /** The key that stands for any number of unnamed realms. */
    public static final String ANY = "ANY";

    public boolean isAny() {
        return ANY.equals(target.value());
    }

    public Mapping withoutSpans() {
        return new Mapping(
                target.withoutSpan(),
                Spans.strip(gpa),
                Spans.strip(prot),
                Spans.strip(anyCount),
                SourceSpan.NONE);
    }
}
