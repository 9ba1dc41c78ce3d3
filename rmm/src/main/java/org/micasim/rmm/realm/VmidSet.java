package org.micasim.rmm.realm;

import java.util.BitSet;

/**
 * The VMIDs in use by realms (VmidIsFree); TF-RMM's atomic bitmap.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.3.9 (vmid_valid)
 */
public final class VmidSet {
    private final int bits;
    private final BitSet used = new BitSet();

    /** A set for {@code bits}-bit VMIDs (8 or 16). */
    public VmidSet(int bits) {
        this.bits = bits;
    }

    /** True if {@code vmid} is in range and not used. */
    public boolean isFree(long vmid) {
        return vmid >= 0 && vmid < (1L << bits) && !used.get((int) vmid);
    }

    public void reserve(int vmid) {
        used.set(vmid);
    }

    public void release(int vmid) {
        used.clear(vmid);
    }
}
