package org.micasim.rmm.rsi;

import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.rec.Rec;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RSI_VERSION and RSI_FEATURES.
 *
 * @spec Arm DEN0137 1.0-rel0 §B5.3.10 RSI_VERSION, §B5.3.3 RSI_FEATURES
 */
public final class VersionFunctions {
    /** RsiInterfaceVersion 1.0. */
    public static final long RSI_ABI_VERSION = 0x1_0000L;

    private VersionFunctions() {
    }

    /** RSI_VERSION(req) → X1 lower, X2 higher: SUCCESS iff req is 1.0, both outputs 1.0. */
    public static RsiOutcome version(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long req = v.x(1);
        v.setX(0, req == RSI_ABI_VERSION ? RsiStatus.RSI_SUCCESS.code() : RsiStatus.RSI_ERROR_INPUT.code());
        v.setX(1, RSI_ABI_VERSION);
        v.setX(2, RSI_ABI_VERSION);
        return RsiOutcome.RETURN_TO_REALM;
    }

    /** RSI_FEATURES(index) → X1 = 0 for every index (RSI 1.0 defines no features). */
    public static RsiOutcome features(Rec rec) {
        RealmVcpu v = rec.vcpu();
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        v.setX(1, 0);
        return RsiOutcome.RETURN_TO_REALM;
    }
}
