package org.micasim.rmm.rsi;

/**
 * ESR_EL2 fields the RMM reads from realm traps and reports in RmiRecExit.esr.
 *
 * @spec Arm ARM DDI0487 §D19.2.47 ESR_EL2 (ISS encoding for data aborts, WFx, SError)
 */
public final class Esr {
    public static final int EC_SHIFT = 26;
    public static final long EC_MASK = 0x3FL << EC_SHIFT;
    public static final long IL = 1L << 25;
    public static final long ISV = 1L << 24;
    public static final int SAS_SHIFT = 22;
    public static final long SAS_MASK = 0b11L << SAS_SHIFT;
    public static final long SSE = 1L << 21;
    public static final int SRT_SHIFT = 16;
    public static final long SRT_MASK = 0x1FL << SRT_SHIFT;
    public static final long SF = 1L << 15;
    public static final long FNV = 1L << 10;
    public static final long EA = 1L << 9;
    public static final long WNR = 1L << 6;
    public static final long SET_MASK = 0b11L << 11;
    public static final long FSC_MASK = 0x3F;
    /** SError ISS: IDS bit 24, AET 12:10, EA 9, DFSC 5:0. */
    public static final long SERROR_MASK = EC_MASK | IL | (1L << 24) | (0b111L << 10) | EA | FSC_MASK;
    /** WFx ISS: TI bits 1:0. */
    public static final long WFX_TI_MASK = 0b11;
    /** EC for a data abort from a lower EL. */
    public static final long EC_DATA_ABORT_LOWER = 0x24;
    /** DFSC translation fault, level 0 (add the level). */
    public static final long FSC_TRANSLATION_L0 = 0x04;

    private Esr() {
    }

    /** The IPA of a stage-2 abort: HPFAR_EL2.FIPA (bits 43:4 = IPA 51:12) plus the page offset from FAR. */
    public static long faultIpa(long hpfar, long far) {
        return ((hpfar >>> 4) & 0xFF_FFFF_FFFFL) << 12 | (far & 0xFFF);
    }

    /** The access size in bytes of a data abort with ISV (SAS). */
    public static int accessSize(long esr) {
        return 1 << ((esr & SAS_MASK) >>> SAS_SHIFT);
    }

    /** The transfer register of a data abort with ISV (SRT). */
    public static int srt(long esr) {
        return (int) ((esr & SRT_MASK) >>> SRT_SHIFT);
    }
}
