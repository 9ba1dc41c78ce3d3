package org.micasim.simulator.guest;

/**
 * An exception R-EL2 injected into the realm at R-EL1 ({@link RealmVcpu#injectSyncExternalAbort()},
 * {@link RealmVcpu#injectUndefined()}). Guest programs have no exception vectors: the injected exception
 * is thrown from the {@link GuestCpu} call whose instruction trapped. A program may catch it (its
 * "handler"); if it does not, the program ends there and the vCPU parks (docs/platform.md).
 */
public final class GuestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was injected. */
    public enum Kind {
        /** A synchronous external abort on the trapped access. */
        SYNC_EXTERNAL_ABORT,
        /** An Undefined Instruction exception on the trapped instruction. */
        UNDEFINED
    }

    private final Kind kind;

    public GuestException(Kind kind, long pc) {
        super(String.format("%s injected at PC 0x%x", kind, pc), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
