package org.micasim.simulator.el3;

/**
 * SMC function identifiers the EL3 monitor routes (SMCCC DEN0028; RMM 1.0 DEN0137 §B4 RMI FIDs;
 * TF-A docs/components/rmm-el3-comms-spec.rst; PSCI DEN0022).
 */
public final class SmcFid {
    /** First FID of the RMI range routed from NS-EL2 to the RMM (RMI_VERSION). */
    public static final long RMI_FIRST = 0xC400_0150L;
    /** Last FID of the RMI range routed to the RMM (includes Mica's 0xC400016A..0xC400016F). */
    public static final long RMI_LAST = 0xC400_016FL;
    /** The RMM's reply to an RMI call: the only RMM-to-EL3 call that switches back to Non-secure. */
    public static final long RMM_RMI_REQ_COMPLETE = 0xC400_018FL;
    /** Move a granule from the Non-secure to the Realm PAS; x1 = PA. */
    public static final long RMM_GTSI_DELEGATE = 0xC400_01B0L;
    /** Move a granule from the Realm to the Non-secure PAS; x1 = PA. */
    public static final long RMM_GTSI_UNDELEGATE = 0xC400_01B1L;
    /** Get the Realm Attestation Key; x1 = buffer PA, x2 = buffer size, x3 = curve (0 = P-384). */
    public static final long RMM_ATTEST_GET_REALM_KEY = 0xC400_01B2L;
    /** Get (a hunk of) the platform token; x1 = buffer PA, x2 = buffer size, x3 = challenge size. */
    public static final long RMM_ATTEST_GET_PLAT_TOKEN = 0xC400_01B3L;
    /** PSCI_VERSION: the fast SMC used for calibration. */
    public static final long PSCI_VERSION = 0x8400_0000L;
    /** PSCI SYSTEM_OFF (SMC32). */
    public static final long PSCI_SYSTEM_OFF = 0x8400_0008L;
    /** FID bit 16: the SMCCC 1.3 SVE hint (DEN0028 §2.5); it does not take part in routing. */
    public static final long SVE_HINT = 1L << 16;
    /** SMCCC "unknown function" return value. */
    public static final long SMC_UNK = -1;

    private SmcFid() {
    }

    /** The function identifier EL3 routes on: the low 32 bits of X0 without the SVE hint. */
    public static long routed(long fid) {
        return fid & 0xFFFF_FFFFL & ~SVE_HINT;
    }

    /** Whether {@code fid} (low 32 bits, with or without the SVE hint) is in the RMI range. */
    public static boolean isRmi(long fid) {
        long f = routed(fid);
        return f >= RMI_FIRST && f <= RMI_LAST;
    }
}
