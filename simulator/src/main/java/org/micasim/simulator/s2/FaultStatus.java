package org.micasim.simulator.s2;

/**
 * Data/instruction fault status codes (ESR_ELx.ISS DFSC/IFSC [5:0], Arm ARM DDI0487 §D19.2.47 and the
 * RME additions); level-dependent codes take the level in their low two bits.
 */
public final class FaultStatus {
    /** Address size fault, level in [1:0]. */
    public static final int ADDRESS_SIZE = 0b000000;
    /** Translation fault, level in [1:0]. */
    public static final int TRANSLATION = 0b000100;
    /** Access flag fault, level in [1:0]. */
    public static final int ACCESS_FLAG = 0b001000;
    /** Permission fault, level in [1:0]. */
    public static final int PERMISSION = 0b001100;
    /** Synchronous external abort, not on a translation table walk. */
    public static final int EXTERNAL_ABORT = 0b010000;
    /** Synchronous external abort on a translation table walk, level in [1:0]. */
    public static final int EXTERNAL_ABORT_ON_WALK = 0b010100;
    /** Granule protection fault on a translation table walk, level in [1:0] (RME). */
    public static final int GPCF_ON_WALK = 0b100100;
    /** Granule protection fault, not on a translation table walk (RME). */
    public static final int GPCF = 0b101000;

    private FaultStatus() {
    }

    /** Whether the code is a translation, access flag or permission fault (the ones that report HPFAR). */
    public static boolean isStage2Mapping(int fsc) {
        int kind = fsc & ~3;
        return kind == TRANSLATION || kind == ACCESS_FLAG || kind == PERMISSION || kind == ADDRESS_SIZE;
    }
}
