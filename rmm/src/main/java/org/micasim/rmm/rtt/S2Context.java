package org.micasim.rmm.rtt;

/**
 * A realm's stage-2 translation context: IPA width, starting level, concatenated root RTTs and VMID.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.1.2 (realm attributes ipa_width, rtt_base, rtt_level_start,
 *     rtt_num_start, vmid); TF-RMM {@code struct s2tt_context}
 */
public record S2Context(int ipaWidth, int startLevel, int numRootRtts, long rttBase, int vmid) {
    /** AddrIsProtected: below half the IPA space. */
    public boolean isProtected(long ipa) {
        return Long.compareUnsigned(ipa, 1L << (ipaWidth - 1)) < 0;
    }

    /** True if {@code ipa} is inside the IPA space, below 2^ipa_width. */
    public boolean inIpaSpace(long ipa) {
        return Long.compareUnsigned(ipa, 1L << ipaWidth) < 0;
    }

    /** The PA of the root RTT (among the concatenated ones) that covers {@code ipa}. */
    public long rootRttFor(long ipa) {
        int covered = RttGeometry.shift(startLevel) + 9;
        return rttBase + ((ipa >>> covered) << 12);
    }

    /** VTTBR_EL2 value: root RTT base with the VMID in bits 63:48. */
    public long vttbr() {
        return rttBase | ((long) vmid << 48);
    }

    /**
     * VTCR_EL2 as TF-RMM programs it: T0SZ, SL0, IRGN0/ORGN0 WB, SH0 inner, TG0 4 KiB, PS 48 bits, VS
     * (16-bit VMID), NSA, RES1 bit 31.
     *
     * @spec hw.md §2.1 (TF-RMM {@code realm_vtcr()})
     */
    public long vtcr() {
        long t0sz = 64 - ipaWidth;
        long sl0 = switch (startLevel) {
            case 0 -> 2;
            case 1 -> 1;
            case 2 -> 0;
            default -> 3;
        };
        return t0sz | (sl0 << 6) | (1L << 8) | (1L << 10) | (3L << 12) | (5L << 16) | (1L << 19) | (1L << 30)
            | (1L << 31);
    }
}
