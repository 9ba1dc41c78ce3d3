package org.micasim.rmm.rtt;

/**
 * Sizes and indices of the 4 KiB-granule stage-2 translation regime.
 *
 * @spec Arm DEN0137 1.0-rel0 §A5.5.5 (RTT levels), §B3 RttLevelSize, AddrIsRttLevelAligned; rmm.md §5.6
 */
public final class RttGeometry {
    /** Entries per RTT. */
    public static final int ENTRIES = 512;
    /** Page level. */
    public static final int LEVEL_PAGE = 3;
    /** Lowest level at which a block (not a table) may be mapped. */
    public static final int MIN_BLOCK_LEVEL = 1;

    private RttGeometry() {
    }

    /** log2 of the size an entry at {@code level} maps: 12 + 9 * (3 - level). */
    public static int shift(int level) {
        return 12 + 9 * (3 - level);
    }

    /** RttLevelSize. */
    public static long size(int level) {
        return 1L << shift(level);
    }

    /** AddrIsRttLevelAligned. */
    public static boolean isAligned(long addr, int level) {
        return (addr & (size(level) - 1)) == 0;
    }

    /** Index of {@code ipa}'s entry inside its (non-root) RTT at {@code level}. */
    public static int index(long ipa, int level) {
        return (int) ((ipa >>> shift(level)) & (ENTRIES - 1));
    }

    /** Root table count for an IPA width and start level (1, or 2..16 concatenated tables). */
    public static int rootTableCount(int ipaWidth, int startLevel) {
        int covered = shift(startLevel) + 9;
        return ipaWidth <= covered ? 1 : 1 << (ipaWidth - covered);
    }

    /**
     * RttConfigIsValid for a 4 KiB granule without LPA2: (s2sz, start level) is consistent
     * ({@code AArch64.S2InconsistentSL}) and within 32..48 bits.
     */
    public static boolean isValidConfig(int ipaWidth, long startLevel, long numStart) {
        if (ipaWidth < 32 || ipaWidth > 48 || startLevel < 0 || startLevel > 2) {
            return false;
        }
        int sl = (int) startLevel;
        int min = (3 - sl) * 9 + 13;
        int max = min + 8 + (sl > 0 ? 4 : 0);
        if (ipaWidth < min || ipaWidth > max) {
            return false;
        }
        return numStart == rootTableCount(ipaWidth, sl);
    }
}
