package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.mica.Policies.SHM0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.granule.GranuleState;

/**
 * RSI_UPLOAD_POLICY, RSI_ATTEST_TOKEN_INIT_GROUP and RSI_ATTEST_TOKEN_CONTINUE_GROUP share their FIDs with
 * the RMM-to-EL3 calls RMM_GTSI_DELEGATE, RMM_GTSI_UNDELEGATE and RMM_ATTEST_GET_REALM_KEY: what the call
 * does depends on who makes it, as on hardware.
 */
class FidRoutingTest {
    @Test
    void theSameFidIsAnRsiCallFromARealmAndNothingFromTheHost() {
        try (MicaRig rig = new MicaRig()) {
            byte[] bin = PolyWriter.encode(new Policy(0, List.of(Policies.vm("VM1", 1, true, false)),
                    List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))), List.of()));
            MicaRig.Realm r = rig.create("a", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, bin)), 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            // From the realm (R-EL1) the SMC traps to the RMM: a policy upload.
            assertEquals(0, rig.enter(r).gpr(0));
            // From the host (NS-EL2) the same FID reaches neither the RMM's RSI table nor the GTSI service.
            long page = rig.t.granule();
            assertEquals(-1L, rig.t.host.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), page).x0(),
                    "not an RMI command, and EL3 serves GTSI to R-EL2 only");
            assertEquals(GranuleState.UNDELEGATED, rig.t.rmm.state().granules().stateOf(page));
            // And the RMM's own GTSI calls keep working.
            rig.t.ok(RmiCommand.RMI_GRANULE_DELEGATE, page);
        }
    }
}
