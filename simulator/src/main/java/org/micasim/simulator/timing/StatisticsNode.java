package org.micasim.simulator.timing;

import java.util.List;

/**
 * A node of the statistics tree: a name, a value (the sum of its children for an inner node) and
 * children in a fixed order, e.g. {@code machine / pe0 / SMC / cycles}.
 */
public record StatisticsNode(String name, long value, List<StatisticsNode> children) {
    public StatisticsNode {
        children = List.copyOf(children);
    }

    /** A leaf. */
    public static StatisticsNode leaf(String name, long value) {
        return new StatisticsNode(name, value, List.of());
    }

    /** The child called {@code name}, or null. */
    public StatisticsNode child(String name) {
        for (StatisticsNode c : children) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The node at a slash-separated path below this one ("pe0/SMC/count"), or null. */
    public StatisticsNode find(String path) {
        StatisticsNode n = this;
        for (String part : path.split("/")) {
            n = n == null ? null : n.child(part);
        }
        return n;
    }

    /** Indented text, one node per line ({@code name value}). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        append(sb, 0);
        return sb.toString();
    }

    private void append(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append(name).append(' ').append(value).append('\n');
        for (StatisticsNode c : children) {
            c.append(sb, depth + 1);
        }
    }
}
