package org.micasim.simulator.gpt;

/**
 * GPCCR_EL3, the granule protection check control register (Arm ARM DDI0487 §D19.2 GPCCR_EL3; field
 * positions as in TF-A gpt_rme.h): PPS [2:0], IRGN [9:8], ORGN [11:10], SH [13:12], PGS [15:14],
 * GPC [16], L0GPTSZ [23:20].
 */
public record Gpccr(int pps, int irgn, int orgn, int sh, int pgs, boolean gpc, int l0gptsz) {
    /** PGS encoding for 4 KiB granules, the only size this model implements. */
    public static final int PGS_4K = 0b00;
    /** SH encoding for inner shareable, as TF-A programs it. */
    public static final int SH_INNER = 0b11;
    /** IRGN/ORGN encoding for write-back read-allocate write-allocate, as TF-A programs it. */
    public static final int WB_RA_WA = 0b01;

    private static final int[] PPS_BITS = {32, 36, 40, 42, 44, 48, 52};

    /** Decodes a register value. */
    public static Gpccr decode(long v) {
        return new Gpccr((int) (v & 7), (int) (v >>> 8) & 3, (int) (v >>> 10) & 3, (int) (v >>> 12) & 3,
                (int) (v >>> 14) & 3, ((v >>> 16) & 1) != 0, (int) (v >>> 20) & 0xF);
    }

    /** The register value. */
    public long encode() {
        return (pps & 7L) | ((long) (irgn & 3) << 8) | ((long) (orgn & 3) << 10) | ((long) (sh & 3) << 12)
                | ((long) (pgs & 3) << 14) | (gpc ? 1L << 16 : 0) | ((long) (l0gptsz & 0xF) << 20);
    }

    /** The protected PA size T in bits, or -1 for a reserved PPS. */
    public int protectedPaBits() {
        return pps < PPS_BITS.length ? PPS_BITS[pps] : -1;
    }

    /** The PPS encoding for {@code bits} of protected PA, or -1. */
    public static int ppsFor(int bits) {
        for (int i = 0; i < PPS_BITS.length; i++) {
            if (PPS_BITS[i] == bits) {
                return i;
            }
        }
        return -1;
    }

    /** S = 30 + L0GPTSZ: log2 of the PA range one level-0 entry covers. */
    public int l0Shift() {
        return 30 + l0gptsz;
    }

    /** The same register with GPC set or cleared. */
    public Gpccr withGpc(boolean enabled) {
        return new Gpccr(pps, irgn, orgn, sh, pgs, enabled, l0gptsz);
    }

    /**
     * Whether the configuration is one the check can use (else every check is a level-0 walk fault): PPS
     * not above the implemented PA size, PGS 4 KiB (the only size modelled), SH not reserved, and
     * non-cacheable GPT fetches only with outer shareability.
     */
    public boolean valid(int implementedPaBits) {
        int t = protectedPaBits();
        if (t < 0 || t > implementedPaBits || pgs != PGS_4K || sh == 0b01) {
            return false;
        }
        return !(irgn == 0 && orgn == 0 && sh != 0b10);
    }
}
