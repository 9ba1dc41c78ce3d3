package org.micasim.simulator.el3;

/** Return codes of RMM-to-EL3 calls (TF-A rmm-el3-comms-spec: E_RMM_*). */
public enum RmmEl3Status {
    /** E_RMM_OK. */
    OK(0),
    /** E_RMM_UNK: unknown or unsupported call. */
    UNK(-1),
    /** E_RMM_BAD_ADDR: bad address. */
    BAD_ADDR(-2),
    /** E_RMM_BAD_PAS: the granule is not in the expected PAS. */
    BAD_PAS(-3),
    /** E_RMM_NOMEM: not enough memory. */
    NOMEM(-4),
    /** E_RMM_INVAL: invalid argument. */
    INVAL(-5),
    /** E_RMM_AGAIN: resource busy, try again. */
    AGAIN(-6);

    private final long code;

    RmmEl3Status(long code) {
        this.code = code;
    }

    /** The value in X0. */
    public long code() {
        return code;
    }
}
