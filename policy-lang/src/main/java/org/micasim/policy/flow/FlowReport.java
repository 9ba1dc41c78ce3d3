package org.micasim.policy.flow;

import java.util.List;
import java.util.Optional;

/**
 * The text {@code mica policy flows} prints: for each source realm, every node its data can reach
 * and every path by which it gets there.
 */
public final class FlowReport {
    private FlowReport() {}

    /**
     * Paths from {@code from} (every realm of the pipeline when empty) to {@code to} (every node
     * reachable when empty).
     */
    public static String render(FlowGraph graph, Optional<FlowNode> from, Optional<FlowNode> to) {
        StringBuilder out = new StringBuilder();
        List<FlowNode> sources = from.map(List::of)
                .orElseGet(() -> graph.nodes().stream().filter(n -> n.kind() == FlowNode.Kind.REALM).toList());
        for (FlowNode s : sources) {
            List<FlowNode> reach = graph.reachable(s);
            List<FlowNode> targets = to.map(List::of).orElse(reach);
            if (to.isEmpty()) {
                out.append(s.id()).append(" can reach: ")
                        .append(reach.isEmpty() ? "nothing" : String.join(", ", reach.stream().map(FlowNode::id).toList()))
                        .append('\n');
            }
            for (FlowNode t : targets) {
                if (t.equals(s)) {
                    continue;
                }
                List<FlowPath> paths = graph.paths(s, t, null);
                out.append("  ").append(s.id()).append(" -> ").append(t.id()).append(':');
                out.append(paths.isEmpty() ? " no path\n" : "\n");
                for (FlowPath p : paths) {
                    out.append("    ").append(p.render()).append('\n');
                }
                if (paths.size() == FlowGraph.MAX_PATHS) {
                    out.append("    (only the first ").append(FlowGraph.MAX_PATHS).append(" paths are listed)\n");
                }
            }
        }
        return out.toString();
    }
}
