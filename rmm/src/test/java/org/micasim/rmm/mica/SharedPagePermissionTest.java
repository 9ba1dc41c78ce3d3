package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.mica.Policies.SHM0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;

/** A read-only shared mapping stays read-only: for the guest, for the RMM writing on its behalf, across RIPAS changes. */
class SharedPagePermissionTest {
    private static Policy readOnly() {
        return new Policy(0, List.of(Policies.vm("VM1", 1, true, false)),
                List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.R))), List.of());
    }

    @Test
    void readOnlyMappingIsReadOnlyForGuestRmmAndRipasChanges() {
        try (MicaRig rig = new MicaRig()) {
            byte[] bin = PolyWriter.encode(readOnly());
            MicaRig.Realm r = rig.create("ro", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, bin));
                cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid());
                long group = cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_CONTINUE_GROUP.fid(), SHM0, 0, 64)[0];
                long hostCall = cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), SHM0)[0];
                long config = cpu.smc(RsiCommand.RSI_REALM_CONFIG.fid(), SHM0)[0];
                cpu.smc(RsiCommand.RSI_ATTESTATION_TOKEN_INIT.fid());
                long token = cpu.smc(RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE.fid(), SHM0, 0, 64)[0];
                MicaRig.report(cpu, group, hostCall, config, token);
                cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), SHM0, SHM0 + 0x1000, 0, 0);
                MicaRig.report(cpu, 5);
                cpu.store64(SHM0, 1);
                MicaRig.report(cpu, 6);
            }, 1, SHM0);
            rig.activate(r);
            long page = rig.channel(1);
            rig.share(r, SHM0, page, 1);
            assertEquals(0, rig.enter(r).gpr(0));
            RmiRecExit cont = rig.enter(r);
            long input = RsiStatus.RSI_ERROR_INPUT.code();
            assertEquals(List.of(input, input, input, input), List.of(cont.gpr(0), cont.gpr(1), cont.gpr(2),
                    cont.gpr(3)), "the RMM writes no read-only page for the realm (group token, host call answer,"
                    + " realm config, token)");

            RmiRecExit ripas = rig.enter(r);
            assertEquals(RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE, ripas.exitReason());
            assertEquals("RMI_ERROR_RTT(3)", rig.t.status(RmiCommand.RMI_RTT_SET_RIPAS, r.rd(), r.rec(), SHM0,
                    SHM0 + 0x1000), "a shared IPA keeps RIPAS RAM");
            assertEquals(page, rig.entry(r, SHM0).x3());

            assertEquals(5, rig.enter(r).gpr(0));
            RmiRecExit write = rig.enter(r);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, write.exitReason(),
                    "the guest's write to a read-only page faults instead of completing");
            assertEquals(0x24, write.esr() >>> 26, "a data abort");
        }
    }
}
