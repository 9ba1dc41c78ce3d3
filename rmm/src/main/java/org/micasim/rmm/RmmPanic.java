package org.micasim.rmm;

/**
 * An unrecoverable RMM condition, the counterpart of TF-RMM's {@code panic()}: EL3 refusing a GTSI
 * transition the RMM's own bookkeeping says must succeed, or RMM-owned Realm memory becoming
 * inaccessible. It ends the simulation run with this report; it is never an answer to bad host input.
 */
public final class RmmPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RmmPanic(String message) {
        super(message);
    }

    public RmmPanic(String message, Throwable cause) {
        super(message, cause);
    }
}
