package org.micasim.policy.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.micasim.policy.ast.FlowAssertion;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.pipeline.AgreementChecker;
import org.micasim.policy.pipeline.LoadedPipeline;

/**
 * Everything {@code mica policy check PIPELINE} verifies: each realm's policy, the RMM's
 * cross-realm agreement rules in upload order, and the pipeline's flow assertions.
 */
public final class PipelineCheck {
    /** Paths quoted in the message of a failed no-flow assertion. */
    private static final int PATHS_SHOWN = 3;

    private PipelineCheck() {}

    /** All diagnostics of {@code pipeline}: those found while loading it, then agreement, then assertions. */
    public static List<Diagnostic> run(LoadedPipeline pipeline) {
        List<Diagnostic> out = new ArrayList<>(pipeline.diagnostics());
        if (!pipeline.complete()) {
            if (!pipeline.file().assertions().isEmpty()) {
                out.add(Diagnostic.warning(DiagnosticCode.ASSERTION, pipeline.file().assertions().get(0).span(),
                        "assertions not evaluated: fix the errors above first"));
            }
            return out;
        }
        out.addAll(AgreementChecker.check(pipeline.realms()));
        out.addAll(assertions(pipeline));
        return out;
    }

    /** The diagnostics of the flow assertions alone; requires a complete pipeline. */
    public static List<Diagnostic> assertions(LoadedPipeline pipeline) {
        FlowGraph graph = FlowGraphBuilder.build(pipeline.realms());
        Endpoints endpoints = new Endpoints(graph, pipeline.realms());
        List<Diagnostic> out = new ArrayList<>();
        for (FlowAssertion a : pipeline.file().assertions()) {
            Optional<FlowNode> from = endpoints.resolve(a.source(), out);
            Optional<FlowNode> to = endpoints.resolve(a.target(), out);
            Optional<Optional<FlowNode>> via = a.bypassing().map(b -> endpoints.resolve(b, out));
            if (from.isEmpty() || to.isEmpty() || (via.isPresent() && via.get().isEmpty())) {
                continue;
            }
            FlowNode avoid = via.flatMap(v -> v).orElse(null);
            List<FlowPath> paths = graph.paths(from.get(), to.get(), avoid);
            String stated = a.kind().keyword() + " " + a.source().value() + " -> " + a.target().value()
                    + a.bypassing().map(b -> " bypassing " + b.value()).orElse("");
            if (a.kind() == FlowAssertion.Kind.NO_FLOW && !paths.isEmpty()) {
                String shown = paths.stream().limit(PATHS_SHOWN).map(FlowPath::render).collect(Collectors.joining("; "));
                String more = paths.size() > PATHS_SHOWN ? "; and " + (paths.size() - PATHS_SHOWN) + " more" : "";
                out.add(Diagnostic.error(DiagnosticCode.ASSERTION, a.span(), "assertion " + stated + " fails: " + shown + more));
            } else if (a.kind() == FlowAssertion.Kind.FLOW && paths.isEmpty()) {
                out.add(Diagnostic.error(DiagnosticCode.ASSERTION, a.span(), "assertion " + stated + " fails: no path"));
            }
        }
        return out;
    }
}
