package org.micasim.rmm.rtt;

/**
 * RmmRttEntryState: the state of an RTT entry as the spec defines it.
 *
 * @spec Arm DEN0137 1.0-rel0 §A5.5.1 RTT entry state
 */
public enum S2tteState {
    /** Protected IPA with no DATA granule. */
    UNASSIGNED,
    /** Protected IPA mapped to a DATA granule (or a block of them). */
    ASSIGNED,
    /** Unprotected IPA with no Non-secure mapping. */
    UNASSIGNED_NS,
    /** Unprotected IPA mapped to Non-secure memory. */
    ASSIGNED_NS,
    /** Points to the next-level RTT. */
    TABLE
}
