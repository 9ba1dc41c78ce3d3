package org.micasim.policy.ast;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A memory object {@code "Mem<id>": { size, type, mappings }}. {@code mappings} is empty when the
 * key is absent; {@code mappingsKey} tells the two cases apart.
 *
 * <p>@spec mica.md §4.2, §4.3
 */
public record MemDecl(
        Located<String> name,
        Optional<Located<BigInteger>> size,
        Optional<Located<MemType>> type,
        Optional<SourceSpan> mappingsKey,
        List<Mapping> mappings,
        SourceSpan span)
        implements PolicyNode {
    public MemDecl {
        mappings = List.copyOf(mappings);
    }

    public MemDecl withoutSpans() {
        return new MemDecl(
                name.withoutSpan(),
                Spans.strip(size),
                Spans.strip(type),
                mappingsKey.map(k -> SourceSpan.NONE),
                mappings.stream().map(Mapping::withoutSpans).toList(),
                SourceSpan.NONE);
    }
}
