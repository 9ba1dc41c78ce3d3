package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.simulator.machine.SmcResult;

/** RMI_VERSION (§B4.3.23), RMI_FEATURES (§B4.3.4) and the dispatcher's unknown-FID answer. */
class VersionCommandsSpecTest {
    @Test
    void version_negotiation() {
        try (RmmTestbed t = new RmmTestbed()) {
            SmcResult ok = t.smc(RmiCommand.RMI_VERSION, 0x10000);
            assertEquals(0, ok.x0());
            assertEquals(0x10000, ok.x1());
            assertEquals(0x10000, ok.x2());
            SmcResult higher = t.smc(RmiCommand.RMI_VERSION, 0x10001);
            assertEquals(1, higher.x0(), "1.1 requested: RMI_ERROR_INPUT");
            assertEquals(0x10000, higher.x1(), "lower = highest supported below the request");
            assertEquals(0x10000, higher.x2());
            assertEquals(1, t.smc(RmiCommand.RMI_VERSION, 0x0).x0());
        }
    }

    @Test
    void features_register0_andOthersZero() {
        try (RmmTestbed t = new RmmTestbed()) {
            long f0 = t.ok(RmiCommand.RMI_FEATURES, 0).x1();
            assertEquals(48, f0 & 0xFF, "S2SZ");
            assertEquals(0, (f0 >>> 8) & 1, "LPA2");
            assertEquals(0, (f0 >>> 9) & 1, "SVE_EN");
            assertEquals(1, (f0 >>> 14) & 0x3F, "NUM_BPS");
            assertEquals(1, (f0 >>> 20) & 0x3F, "NUM_WPS");
            assertEquals(1, (f0 >>> 26) & 1, "PMU_EN");
            assertEquals(31, (f0 >>> 27) & 0x1F, "PMU_NUM_CTRS");
            assertEquals(3, (f0 >>> 32) & 3, "SHA-256 and SHA-512");
            assertEquals(10, (f0 >>> 38) & 0xF, "MAX_RECS_ORDER");
            assertEquals(0, t.ok(RmiCommand.RMI_FEATURES, 1).x1());
        }
    }

    @Test
    void unknownFidInRmiRange_returnsNotSupported() {
        try (RmmTestbed t = new RmmTestbed()) {
            assertEquals(-1, t.host.smc(0xC400_0156L).x0(), "hole in the 1.0 table");
            assertEquals(-1, t.host.smc(RmiCommand.RMI_REALM_PD.fid(), 0, 0).x0(), "Mica command without Mica");
        }
    }
}
