package org.micasim.policy.flow;

import java.util.List;

/** A simple path of edges; rendered {@code ra -[Mem1]-> rnet -[gateway]-> HOST}. */
public record FlowPath(List<FlowEdge> edges) {
    public FlowPath {
        edges = List.copyOf(edges);
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one edge");
        }
    }

    public FlowNode source() {
        return edges.get(0).from();
    }

    public FlowNode target() {
        return edges.get(edges.size() - 1).to();
    }

    public String render() {
        StringBuilder s = new StringBuilder(source().id());
        for (FlowEdge e : edges) {
            s.append(" -[").append(e.label()).append("]-> ").append(e.to().id());
        }
        return s.toString();
    }
}
