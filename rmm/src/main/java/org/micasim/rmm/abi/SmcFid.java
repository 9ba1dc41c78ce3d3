package org.micasim.rmm.abi;

/**
 * SMC Calling Convention facts shared by RMI and RSI function IDs.
 *
 * @spec Arm DEN0028 SMCCC 1.3 §2.5 (function identifiers), §2.11 (SVE hint bit 16)
 */
public final class SmcFid {
    /** Bit 16 of a function ID: "no live SVE state" hint; the RMM strips it before dispatch. */
    public static final long SVE_HINT = 1L << 16;

    /** X0 returned for a function ID nobody implements: SMCCC NOT_SUPPORTED (-1). */
    public static final long SMC_NOT_SUPPORTED = -1L;

    /** SMCCC_VERSION function ID. */
    public static final long SMCCC_VERSION = 0x8000_0000L;

    /** The SMCCC version this RMM reports to realms (1.2), as TF-RMM does. */
    public static final long SMCCC_VERSION_1_2 = 0x1_0002L;

    private SmcFid() {
    }
}
