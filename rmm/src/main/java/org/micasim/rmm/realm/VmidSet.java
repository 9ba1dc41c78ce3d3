package org.micasim.rmm.realm;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The VMIDs in use by realms (VmidIsFree): TF-RMM's atomic bitmap ({@code vmid_reserve}/{@code vmid_free}),
 * so two PEs creating realms with the same VMID cannot both get it, without a lock.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.3.9 (vmid_valid); TF-RMM {@code lib/arch/src/vmid.c}
 */
public final class VmidSet {
    private final int bits;
    private final AtomicLongArray used;

    /** A set for {@code bits}-bit VMIDs (8 or 16). */
    public VmidSet(int bits) {
        this.bits = bits;
        this.used = new AtomicLongArray(((1 << bits) + 63) / 64);
    }

    private boolean inRange(long vmid) {
        return vmid >= 0 && vmid < (1L << bits);
    }

    /** True if {@code vmid} is in range and not used. */
    public boolean isFree(long vmid) {
        return inRange(vmid) && (used.get((int) (vmid >>> 6)) & (1L << vmid)) == 0;
    }

    /** Marks {@code vmid} used; false if it is out of range or already used (the set is then unchanged). */
    public boolean reserve(long vmid) {
        if (!inRange(vmid)) {
            return false;
        }
        int word = (int) (vmid >>> 6);
        long bit = 1L << vmid;
        long old = used.getAndAccumulate(word, bit, (a, b) -> a | b);
        return (old & bit) == 0;
    }

    public void release(int vmid) {
        used.getAndAccumulate(vmid >>> 6, ~(1L << vmid), (a, b) -> a & b);
    }
}
