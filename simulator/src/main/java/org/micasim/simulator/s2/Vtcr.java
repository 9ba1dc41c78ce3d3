package org.micasim.simulator.s2;

/**
 * The VTCR_EL2 fields the stage-2 walker uses (Arm ARM DDI0487 §D19.2 VTCR_EL2): T0SZ [5:0], SL0 [7:6],
 * TG0 [15:14], PS [18:16], DS [32], SL2 [33]. For the 4 KiB granule SL0 = 0 starts at level 2, 1 at level 1,
 * 2 at level 0, 3 at level 3. LPA2 (DS, SL2) is not modelled.
 */
public record Vtcr(int t0sz, int sl0, int tg0, int ps, boolean ds, boolean sl2) {
    private static final int[] PS_BITS = {32, 36, 40, 42, 44, 48, 52};
    private static final int[] START_LEVEL = {2, 1, 0, 3};

    public static Vtcr decode(long v) {
        return new Vtcr((int) v & 0x3F, (int) (v >>> 6) & 3, (int) (v >>> 14) & 3, (int) (v >>> 16) & 7,
                ((v >>> 32) & 1) != 0, ((v >>> 33) & 1) != 0);
    }

    /** A VTCR value for a 4 KiB granule with {@code ipaBits} of IPA, start level {@code startLevel} and PS. */
    public static long encode(int ipaBits, int startLevel, int paBits) {
        int sl0 = startLevel == 2 ? 0 : startLevel == 1 ? 1 : startLevel == 0 ? 2 : 3;
        int ps = 0;
        for (int i = 0; i < PS_BITS.length; i++) {
            if (PS_BITS[i] == paBits) {
                ps = i;
            }
        }
        return (64 - ipaBits) | ((long) sl0 << 6) | ((long) ps << 16) | (1L << 31);
    }

    /** Input (IPA) size in bits. */
    public int ipaBits() {
        return 64 - t0sz;
    }

    public int startLevel() {
        return START_LEVEL[sl0];
    }

    /** Output PA size in bits, or -1 for a reserved PS. */
    public int paBits() {
        return ps < PS_BITS.length ? PS_BITS[ps] : -1;
    }

    /** IPA bits the start level resolves: 9 for one table, up to 13 for 16 concatenated tables. */
    public int startLevelBits() {
        return ipaBits() - (12 + 9 * (3 - startLevel()));
    }

    /**
     * Whether the walker can use this configuration: 4 KiB granule, no LPA2, IPA size 24..48 bits, and a
     * start level resolving 1..13 bits (at most 16 concatenated root tables).
     */
    public boolean valid() {
        int bits = startLevelBits();
        return tg0 == 0 && !ds && !sl2 && ipaBits() >= 24 && ipaBits() <= 48 && bits >= 1 && bits <= 13 && paBits() > 0;
    }
}
