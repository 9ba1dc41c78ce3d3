package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.simulator.machine.SmcResult;

/**
 * An RMI call with the SMCCC 1.3 SVE hint (FID bit 16) is routed by EL3 and served by the RMM exactly as
 * without it (rmm.md §2.1): the same results, the same effects.
 */
class SveHintTest {
    private static SmcResult hinted(RmmTestbed t, RmiCommand cmd, long... args) {
        return t.host.smc(cmd.fid() | SmcFid.SVE_HINT, args);
    }

    @Test
    void rmiVersionWithTheHintGivesTheSameResults() {
        try (RmmTestbed t = new RmmTestbed()) {
            for (long requested : new long[] {0x10000, 0x10001, 0}) {
                SmcResult plain = t.smc(RmiCommand.RMI_VERSION, requested);
                SmcResult hint = hinted(t, RmiCommand.RMI_VERSION, requested);
                String what = "RMI_VERSION(0x" + Long.toHexString(requested) + ")";
                assertEquals(plain.x0(), hint.x0(), what + " X0");
                assertEquals(plain.x1(), hint.x1(), what + " X1");
                assertEquals(plain.x2(), hint.x2(), what + " X2");
            }
            assertEquals(0, hinted(t, RmiCommand.RMI_VERSION, 0x10000).x0(), "served, not SMC_NOT_SUPPORTED");
        }
    }

    @Test
    void aCommandWithTheHintTakesEffect() {
        try (RmmTestbed t = new RmmTestbed()) {
            long pa = t.granule();
            assertEquals(0, hinted(t, RmiCommand.RMI_GRANULE_DELEGATE, pa).x0());
            assertEquals("RMI_ERROR_INPUT", RmiReturn.format(t.smc(RmiCommand.RMI_GRANULE_DELEGATE, pa).x0()),
                    "the hinted call delegated the granule");
            assertEquals(0, hinted(t, RmiCommand.RMI_GRANULE_UNDELEGATE, pa).x0());
            assertEquals(0, t.smc(RmiCommand.RMI_GRANULE_DELEGATE, pa).x0(), "and the hinted undelegate undid it");
        }
    }
}
