package org.micasim.policy.flow;

/**
 * Data of {@code from} can reach {@code to} through {@code via}: a memory object that {@code from}
 * may write and {@code to} may read, a gateway's link to the untrusted world, an UNPROTECTED
 * object, or a control transfer to the host that a CALL rule allows.
 */
public record FlowEdge(FlowNode from, FlowNode to, Via via, String label) {
    /** The kind of path an edge stands for. */
    public enum Via {
        PROTECTED_MEMORY,
        UNPROTECTED_MEMORY,
        GATEWAY,
        CONTROL_TRANSFER
    }
}
