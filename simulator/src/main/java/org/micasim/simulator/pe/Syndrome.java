package org.micasim.simulator.pe;

import org.micasim.simulator.memory.Pas;

/**
 * Builds syndrome register values (Arm ARM DDI0487 §D19.2.47 ESR_ELx; RME GPC exception syndrome;
 * HPFAR_EL2; MFAR_EL3).
 */
public final class Syndrome {
    /** ESR.EC for a data abort taken from a lower EL. */
    public static final int EC_DATA_ABORT_LOWER = 0x24;
    /** ESR.EC for a data abort taken without a change of EL. */
    public static final int EC_DATA_ABORT_SAME = 0x25;
    /** ESR.EC for an instruction abort from a lower EL. */
    public static final int EC_INSTRUCTION_ABORT_LOWER = 0x20;
    /** ESR.EC for an SMC from AArch64. */
    public static final int EC_SMC64 = 0x17;
    /** ESR.EC for a granule protection check exception (to EL3). */
    public static final int EC_GPC = 0x1E;
    /** ESR.IL: 32-bit instruction. */
    private static final long IL = 1L << 25;

    private Syndrome() {
    }

    /**
     * A data abort syndrome with a valid instruction syndrome (ISV [24]): SAS [23:22] = log2(size),
     * SRT [20:16], SF [15] for a 64-bit register, WnR [6], DFSC [5:0].
     */
    public static long dataAbort(int ec, int sizeLog2, int srt, boolean sixtyFour, boolean write, int dfsc) {
        return ((long) ec << 26) | IL | (1L << 24) | ((long) sizeLog2 << 22) | ((long) srt << 16)
                | (sixtyFour ? 1L << 15 : 0) | (write ? 1L << 6 : 0) | (dfsc & 0x3F);
    }

    /** A data abort syndrome without instruction syndrome (ISV = 0). */
    public static long dataAbortNoIss(int ec, boolean write, int dfsc) {
        return ((long) ec << 26) | IL | (write ? 1L << 6 : 0) | (dfsc & 0x3F);
    }

    /** An instruction abort syndrome: IFSC [5:0]. */
    public static long instructionAbort(int ifsc) {
        return ((long) EC_INSTRUCTION_ABORT_LOWER << 26) | IL | (ifsc & 0x3F);
    }

    /** An SMC syndrome with imm16 = 0. */
    public static long smc() {
        return ((long) EC_SMC64 << 26) | IL;
    }

    /**
     * A GPC exception syndrome: S2PTW [21], InD [20], GPCSC [19:14], WnR [6], xFSC [5:0] (the fault status
     * the access would have had as an abort).
     */
    public static long gpcException(int gpcsc, boolean s2ptw, boolean instruction, boolean write, int xfsc) {
        return ((long) EC_GPC << 26) | IL | (s2ptw ? 1L << 21 : 0) | (instruction ? 1L << 20 : 0)
                | ((long) (gpcsc & 0x3F) << 14) | (write ? 1L << 6 : 0) | (xfsc & 0x3F);
    }

    /** HPFAR_EL2: FIPA [43:4] = IPA[51:12]. */
    public static long hpfar(long ipa) {
        return ((ipa >>> 12) & 0xFF_FFFF_FFFFL) << 4;
    }

    /** MFAR_EL3: PA [51:12] with the PAS in NS [63] and NSE [62]. */
    public static long mfar(long pa, Pas pas) {
        long ns = pas.encoding() & 1;
        long nse = (pas.encoding() >>> 1) & 1;
        return (pa & 0x000F_FFFF_FFFF_F000L) | (ns << 63) | (nse << 62);
    }
}
