package org.micasim.policy.flow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.micasim.policy.ast.Located;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.codec.PolyPayload;
import org.micasim.policy.pipeline.Realm;

/**
 * Resolves the names used in assertions and in {@code flows --from/--to}: a realm's name in the
 * pipeline, {@code HOST}, or a VM name that the pipeline's policies give one hash.
 */
public final class Endpoints {
    private final FlowGraph graph;
    private final List<Realm> realms;

    public Endpoints(FlowGraph graph, List<Realm> realms) {
        this.graph = graph;
        this.realms = List.copyOf(realms);
    }

    /** The node named {@code name}, or the reason there is none. */
    public Resolution resolve(String name) {
        Optional<FlowNode> direct = graph.node(name);
        if (direct.isPresent()) {
            return new Resolution(direct, "");
        }
        Set<Long> hashes = new LinkedHashSet<>();
        for (Realm r : realms) {
            for (PolyPayload.Vm vm : r.payload().vms()) {
                if (vm.name().equals(name)) {
                    hashes.add(vm.hash());
                }
            }
        }
        if (hashes.size() > 1) {
            return new Resolution(Optional.empty(), "VM name " + name + " stands for different hashes in different"
                    + " policies; use the realm's name");
        }
        for (long h : hashes) {
            for (Realm r : realms) {
                if (r.selfHash().orElse(-1L) == h) {
                    return new Resolution(graph.node(r.id()), "");
                }
            }
            for (FlowNode n : graph.nodes()) {
                if (n.kind() == FlowNode.Kind.EXTERNAL && n.id().equals(name + "@" + org.micasim.policy.ast.Literals.hex(h))) {
                    return new Resolution(Optional.of(n), "");
                }
            }
        }
        List<String> known = graph.nodes().stream().filter(n -> n.kind() != FlowNode.Kind.EXTERNAL).map(FlowNode::id).toList();
        return new Resolution(Optional.empty(), "unknown realm or VM " + name + "; the pipeline has " + String.join(", ", known));
    }

    /** Resolves a located name, adding a diagnostic when it does not resolve. */
    public Optional<FlowNode> resolve(Located<String> name, List<Diagnostic> out) {
        Resolution r = resolve(name.value());
        if (r.node().isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.PIPELINE, name.span(), r.problem()));
        }
        return r.node();
    }

    /** A resolved node, or why the name does not resolve. */
    public record Resolution(Optional<FlowNode> node, String problem) {}
}
