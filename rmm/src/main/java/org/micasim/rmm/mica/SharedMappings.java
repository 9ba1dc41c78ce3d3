package org.micasim.rmm.mica;

import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.rtt.S2tte;

/**
 * Stage-2 entries of shared protected pages: a valid level-3 page mapping of RIPAS RAM memory whose S2AP
 * is the policy's protection (R = 0b01, W = 0b10, RW = 0b11), instead of the RMM's usual read-write.
 */
final class SharedMappings {
    private SharedMappings() {
    }

    /** The level-3 entry mapping {@code pa} with {@code prot}. */
    static long entry(long pa, Prot prot) {
        long rw = S2tte.createAssigned(RmiRipas.RAM, pa, 3);
        return (rw & ~S2tte.S2AP_MASK) | ((long) prot.code() << 6);
    }

    /** Whether {@code entry} is a valid level-3 mapping of {@code pa} made by {@link #entry}. */
    static boolean maps(long entry, long pa) {
        return S2tte.isValid(entry) && S2tte.oa(entry) == pa;
    }
}
