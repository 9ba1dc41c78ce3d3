package org.micasim.policy.ast;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A control-transfer rule {@code "CF<id>": { owner, type, range, policy }}. {@code range} is empty
 * when the key is absent; {@code rangeKey} tells the two cases apart.
 *
 * <p>@spec mica.md §4.2, §4.3
 */
public record CfDecl(
        Located<String> name,
        Optional<Located<String>> owner,
        Optional<Located<CfType>> type,
        Optional<Located<CfPolicy>> policy,
        Optional<SourceSpan> rangeKey,
        List<Located<BigInteger>> range,
        SourceSpan span)
        implements PolicyNode {
    public CfDecl {
        range = List.copyOf(range);
    }

    public CfDecl withoutSpans() {
        return new CfDecl(
                name.withoutSpan(),
                Spans.strip(owner),
                Spans.strip(type),
                Spans.strip(policy),
                rangeKey.map(k -> SourceSpan.NONE),
                Spans.stripAll(range),
                SourceSpan.NONE);
    }
}
