package org.micasim.policy.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who can pass data to whom in a pipeline: nodes and directed edges, in a deterministic order.
 * Built by {@link FlowGraphBuilder}.
 */
public final class FlowGraph {
    /** Most paths {@link #paths} lists; enough for any pipeline of realistic size. */
    public static final int MAX_PATHS = 64;

    /** Edge visits one path search may make; bounds the work on dense graphs. */
    private static final int SEARCH_BUDGET = 1_000_000;

    private final Map<String, FlowNode> nodes;
    private final List<FlowEdge> edges;

    FlowGraph(Map<String, FlowNode> nodes, List<FlowEdge> edges) {
        this.nodes = new LinkedHashMap<>(nodes);
        this.edges = List.copyOf(edges);
    }

    public List<FlowNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<FlowEdge> edges() {
        return edges;
    }

    public Optional<FlowNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /**
     * Every simple path from {@code from} to {@code to} that does not pass through
     * {@code avoid} (may be null), shortest first, at most {@link #MAX_PATHS}.
     */
    public List<FlowPath> paths(FlowNode from, FlowNode to, FlowNode avoid) {
        List<FlowPath> found = new ArrayList<>();
        Deque<FlowEdge> stack = new ArrayDeque<>();
        Set<FlowNode> visited = new LinkedHashSet<>();
        visited.add(from);
        if (!reachable(from, avoid).contains(to)) {
            return List.of();
        }
        search(from, to, avoid, visited, stack, found, new int[] {SEARCH_BUDGET});
        found.sort((a, b) -> Integer.compare(a.edges().size(), b.edges().size()));
        return found.size() > MAX_PATHS ? List.copyOf(found.subList(0, MAX_PATHS)) : List.copyOf(found);
    }

    private void search(FlowNode at, FlowNode to, FlowNode avoid, Set<FlowNode> visited, Deque<FlowEdge> stack,
            List<FlowPath> found, int[] budget) {
        for (FlowEdge e : edges) {
            if (--budget[0] < 0) {
                return;
            }
            if (!e.from().equals(at) || visited.contains(e.to()) || e.to().equals(avoid)) {
                continue;
            }
            stack.addLast(e);
            if (e.to().equals(to)) {
                found.add(new FlowPath(new ArrayList<>(stack)));
            } else if (found.size() < MAX_PATHS * 4) {
                visited.add(e.to());
                search(e.to(), to, avoid, visited, stack, found, budget);
                visited.remove(e.to());
            }
            stack.removeLast();
        }
    }

    /** The nodes reachable from {@code from} (itself excluded), in discovery order. */
    public List<FlowNode> reachable(FlowNode from) {
        return reachable(from, null);
    }

    private List<FlowNode> reachable(FlowNode from, FlowNode avoid) {
        Set<FlowNode> seen = new LinkedHashSet<>();
        Deque<FlowNode> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            FlowNode n = todo.removeFirst();
            for (FlowEdge e : edges) {
                if (e.from().equals(n) && !e.to().equals(from) && !e.to().equals(avoid) && seen.add(e.to())) {
                    todo.addLast(e.to());
                }
            }
        }
        return List.copyOf(seen);
    }
}
