package org.micasim.rmm.granule;

/**
 * The RMM's view of a 4 KiB granule, with TF-RMM's encoding of each state.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.2.3 (granule lifecycle); TF-RMM {@code granule_types.h}
 */
public enum GranuleState {
    /** Host memory (GPT NS); refcount always 0. */
    UNDELEGATED(0),
    /** Free RMM memory (GPT Realm); always all-zero; refcount 0. */
    DELEGATED(1),
    /** Realm descriptor; refcount = number of RECs of the realm. */
    RD(2),
    /** Realm execution context; refcount 1 while it runs (REC_ENTER), else 0. */
    REC(3),
    /** REC auxiliary granule; refcount 0. */
    REC_AUX(4),
    /** Realm memory; refcount 0. */
    DATA(5),
    /** Realm translation table; refcount = entries that are TABLE or protected ASSIGNED. */
    RTT(6);

    private final int encoding;

    GranuleState(int encoding) {
        this.encoding = encoding;
    }

    /** TF-RMM's encoding of the state (descriptor bits 14:10). */
    public int encoding() {
        return encoding;
    }
}
