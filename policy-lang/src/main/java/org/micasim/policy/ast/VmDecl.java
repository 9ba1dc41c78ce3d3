package org.micasim.policy.ast;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A pipeline member {@code "VM<id>": { hash, is-gateway, strict }}.
 *
 * <p>@spec mica.md §4.2, §4.3
 */
public record VmDecl(
        Located<String> name,
        Optional<Located<BigInteger>> hash,
        Optional<Located<Boolean>> isGateway,
        Optional<Located<Boolean>> strict,
        SourceSpan span)
        implements PolicyNode {
    public VmDecl withoutSpans() {
        return new VmDecl(
                name.withoutSpan(),
                Spans.strip(hash),
                Spans.strip(isGateway),
                Spans.strip(strict),
                SourceSpan.NONE);
    }
}
