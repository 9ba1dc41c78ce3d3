package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmConfig;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;

/**
 * RMI_VERSION and RMI_FEATURES.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.3.23 RMI_VERSION, §B4.3.4 RMI_FEATURES, §B4.4.6 RmiFeatureRegister0
 */
public final class VersionCommands {
    /** RmiInterfaceVersion 1.0: major 1 (bits 30:16), minor 0. */
    public static final long RMI_ABI_VERSION = 0x1_0000L;

    /** The two possible RMI_VERSION results (immutable, so shared by every call). */
    private static final RmiResult VERSION_OK = new RmiResult(RmiReturn.SUCCESS, new long[] {RMI_ABI_VERSION, RMI_ABI_VERSION});
    private static final RmiResult VERSION_MISMATCH =
        new RmiResult(RmiReturn.of(RmiStatus.RMI_ERROR_INPUT), new long[] {RMI_ABI_VERSION, RMI_ABI_VERSION});

    private final RmmConfig config;

    public VersionCommands(RmmConfig config) {
        this.config = config;
    }

    /**
     * RMI_VERSION: SUCCESS iff the requested version is 1.0; X1 = lower = X2 = higher = 1.0 always (the
     * only supported revision, so it is both the highest below any higher request and the lowest above
     * any lower one).
     */
    public RmiResult version(long[] x) {
        return x[1] == RMI_ABI_VERSION ? VERSION_OK : VERSION_MISMATCH;
    }

    /** RMI_FEATURES: index 0 → RmiFeatureRegister0, any other index → 0. Never fails. */
    public RmiResult features(long[] x) {
        return RmiResult.success(x[1] == 0 ? featureRegister0(config) : 0);
    }

    /**
     * RmiFeatureRegister0: S2SZ[7:0], LPA2[8]=0, SVE_EN[9]=0, SVE_VL[13:10]=0, NUM_BPS[19:14],
     * NUM_WPS[25:20], PMU_EN[26]=1, PMU_NUM_CTRS[31:27], HASH_SHA_256[32]=1, HASH_SHA_512[33]=1,
     * GICV3_NUM_LRS[37:34] (15: sixteen list registers, minus one), MAX_RECS_ORDER[41:38]=10.
     */
    public static long featureRegister0(RmmConfig c) {
        return c.maxIpaWidth()
            | ((long) c.numBps() << 14)
            | ((long) c.numWps() << 20)
            | (1L << 26)
            | ((long) c.pmuNumCtrs() << 27)
            | (1L << 32)
            | (1L << 33)
            | (15L << 34)
            | (10L << 38);
    }
}
