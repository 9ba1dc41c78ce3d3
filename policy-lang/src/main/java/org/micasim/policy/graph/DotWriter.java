package org.micasim.policy.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.micasim.policy.flow.FlowEdge;
import org.micasim.policy.flow.FlowGraph;
import org.micasim.policy.flow.FlowNode;

/**
 * Writes a flow graph as Graphviz DOT: realms as boxes (gateways with a double, orange border),
 * the host as a red octagon, realms outside the pipeline dashed; each edge points the way data
 * flows (from the writer to the reader), and becomes one two-headed edge when data flows both ways.
 */
public final class DotWriter {
    private DotWriter() {}

    public static String write(String title, FlowGraph graph) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(title)).append(" {\n");
        out.append("  rankdir=LR;\n");
        out.append("  node [shape=box, fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\"];\n");
        for (FlowNode n : graph.nodes()) {
            out.append("  ").append(quote(n.id())).append(" [label=").append(quote(n.label()));
            out.append(switch (n.kind()) {
                case HOST -> ", shape=octagon, style=filled, fillcolor=\"#f4cccc\", color=red";
                case EXTERNAL -> ", style=dashed";
                case REALM -> isGateway(graph, n) ? ", peripheries=2, color=darkorange" : "";
            });
            out.append("];\n");
        }
        for (Line l : lines(graph)) {
            out.append("  ").append(quote(l.edge.from().id())).append(" -> ").append(quote(l.edge.to().id()));
            out.append(" [label=").append(quote(l.edge.label()));
            if (l.both) {
                out.append(", dir=both");
            }
            out.append(switch (l.edge.via()) {
                case GATEWAY -> ", style=dashed, color=darkorange";
                case UNPROTECTED_MEMORY, CONTROL_TRANSFER -> ", color=red";
                case PROTECTED_MEMORY -> "";
            });
            out.append("];\n");
        }
        return out.append("}\n").toString();
    }

    private record Line(FlowEdge edge, boolean both) {}

    /** Edges with their reverse twin (same label) merged into one two-headed line. */
    private static List<Line> lines(FlowGraph graph) {
        Map<String, Line> byKey = new LinkedHashMap<>();
        for (FlowEdge e : graph.edges()) {
            String reverse = key(e.to(), e.from(), e.label());
            Line twin = byKey.get(reverse);
            if (twin != null) {
                byKey.put(reverse, new Line(twin.edge, true));
            } else {
                byKey.putIfAbsent(key(e.from(), e.to(), e.label()), new Line(e, false));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static String key(FlowNode from, FlowNode to, String label) {
        return from.id() + "\u0000" + to.id() + "\u0000" + label;
    }

    private static boolean isGateway(FlowGraph graph, FlowNode n) {
        return graph.edges().stream().anyMatch(e -> e.from().equals(n) && e.via() == FlowEdge.Via.GATEWAY);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
