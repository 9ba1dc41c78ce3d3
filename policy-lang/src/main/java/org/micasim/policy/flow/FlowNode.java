package org.micasim.policy.flow;

/**
 * A party data can flow to or from: a realm of the pipeline, the untrusted host (hypervisor, VMM,
 * network), or a realm outside the pipeline that a policy admits (named by hash, or through ANY).
 */
public record FlowNode(String id, Kind kind, String label) {
    /** What sort of party a node is. */
    public enum Kind {
        REALM,
        HOST,
        EXTERNAL
    }

    /** The untrusted world. */
    public static final FlowNode HOST = new FlowNode("HOST", Kind.HOST, "HOST (untrusted)");

    @Override
    public String toString() {
        return id;
    }
}
