package org.micasim.rmm.rec;

/**
 * RmiRecMpidr: the MPIDR a host gives a REC, and the REC index derived from it.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.17 RmiRecMpidr, §B3 RecIndex
 */
public final class RecMpidr {
    /** Bits that may be set: Aff0[3:0], Aff1, Aff2, Aff3 (bits 31:24). */
    public static final long VALID_MASK = 0xFFFF_FF0FL;

    private RecMpidr() {
    }

    /** True if no bit outside the affinity fields (Aff0[7:4], bits 63:32) is set. */
    public static boolean isValid(long mpidr) {
        return (mpidr & ~VALID_MASK) == 0;
    }

    /** RecIndex(mpidr) = Aff0[3:0] + 16 Aff1 + 16*256 Aff2 + 16*256*256 Aff3. */
    public static long index(long mpidr) {
        long aff0 = mpidr & 0xF;
        long aff1 = (mpidr >>> 8) & 0xFF;
        long aff2 = (mpidr >>> 16) & 0xFF;
        long aff3 = (mpidr >>> 24) & 0xFF;
        return aff0 + 16 * aff1 + 16 * 256 * aff2 + 16 * 256 * 256 * aff3;
    }
}
