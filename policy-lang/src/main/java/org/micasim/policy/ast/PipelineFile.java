package org.micasim.policy.ast;

import java.util.List;
import java.util.Optional;

/**
 * A pipeline file: an optional title, the realms in upload order, and flow assertions.
 */
public record PipelineFile(
        Optional<Located<String>> title,
        List<RealmEntry> realms,
        List<FlowAssertion> assertions,
        SourceSpan span)
        implements PolicyNode {
    public PipelineFile {
        realms = List.copyOf(realms);
        assertions = List.copyOf(assertions);
    }
}
