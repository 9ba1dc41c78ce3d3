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

/** RSI_UPLOAD_POLICY's own failure conditions, and parser and validator codes reached through it. */
class UploadPolicyTest {
    private static final long INPUT = RsiStatus.RSI_ERROR_INPUT.code();

    private static long report(RmiRecExit e) {
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason(), "exit " + e.exitReason());
        return e.gpr(0);
    }

    private static Policy lonePolicy() {
        return new Policy(0, List.of(Policies.vm("VM1", 1, true, false)),
                List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))), List.of());
    }

    @Test
    void callFailuresParserCodesAndOneShot() {
        try (MicaRig rig = new MicaRig()) {
            byte[] good = PolyWriter.encode(lonePolicy());
            byte[] badVersion = good.clone();
            badVersion[4] = 2;
            MicaRig.Realm r = rig.create("a", cpu -> {
                long unaligned = cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), MicaRig.POLICY_IPA + 8)[0];
                long unprotected = cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), MicaRig.UNPROTECTED)[0];
                long empty = cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), 0x10_0000)[0];
                MicaRig.report(cpu, unaligned, unprotected, empty);
                MicaRig.report(cpu, MicaRig.upload(cpu, badVersion));
                MicaRig.report(cpu, MicaRig.upload(cpu, good));
                MicaRig.report(cpu, MicaRig.upload(cpu, good));
            }, 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            RmiRecExit first = rig.enter(r);
            assertEquals(List.of(INPUT, INPUT, INPUT), List.of(first.gpr(0), first.gpr(1), first.gpr(2)));
            assertEquals(INPUT, report(rig.enter(r)));
            assertEquals(new UploadOutcome(UploadOutcome.Stage.PARSER, -4, "policy byte 4: version is not 1 (-4): "
                    + "version 2"), rig.state().lastUpload(r.rd()).orElseThrow());
            assertEquals(0, report(rig.enter(r)));
            assertEquals(INPUT, report(rig.enter(r)), "once per realm lifetime");
            assertEquals(UploadOutcome.Stage.CALL, rig.state().lastUpload(r.rd()).orElseThrow().stage());
        }
    }

    @Test
    void anUnmappedPolicyPageIsAStage2FaultForTheHost() {
        try (MicaRig rig = new MicaRig()) {
            MicaRig.Realm r = rig.create("a", cpu -> MicaRig.report(cpu,
                    cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), SHM0 + 0x10000)[0]), 1, SHM0);
            rig.activate(r);
            RmiRecExit e = rig.enter(r);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, e.exitReason());
            assertEquals((SHM0 + 0x10000) >>> 12 << 4, e.hpfar(), "the host is asked to map the policy page");
        }
    }

    @Test
    void withoutPolicyDescriptorTheUploadIsMinusEight() {
        try (MicaRig rig = new MicaRig()) {
            byte[] good = PolyWriter.encode(lonePolicy());
            rig.registerPd = false;
            MicaRig.Realm r = rig.create("a", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, good)), 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            assertEquals(INPUT, report(rig.enter(r)));
            UploadOutcome o = rig.state().lastUpload(r.rd()).orElseThrow();
            assertEquals(-8, o.code(), o.detail());
            assertEquals(false, rig.state().uploaded(r.rd()));
        }
    }

    @Test
    void peersDisagreeMinusFourThroughTheRsi() {
        try (MicaRig rig = new MicaRig()) {
            Policy raWrongGpa = Policies.withMems(Policies.ra(), Policies.mem("Mem1", 0x2000,
                    Policies.named(0, SHM0 + 0x1000, Prot.RW), Policies.named(1, SHM0, Prot.RW)));
            byte[] rnetBin = PolyWriter.encode(Policies.rnet());
            byte[] raBin = PolyWriter.encode(raWrongGpa);
            MicaRig.Realm rnet = rig.create("rnet", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, rnetBin)), 1, SHM0);
            MicaRig.Realm ra = rig.create("ra", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, raBin)), 2, SHM0);
            long ch = rig.channel(2);
            rig.activate(rnet);
            rig.share(rnet, SHM0, ch, 2);
            assertEquals(0, report(rig.enter(rnet)));
            rig.activate(ra);
            rig.share(ra, SHM0, ch, 2);
            assertEquals(INPUT, report(rig.enter(ra)));
            UploadOutcome o = rig.state().lastUpload(ra.rd()).orElseThrow();
            assertEquals(UploadOutcome.Stage.VALIDATOR, o.stage());
            assertEquals(-4, o.code(), o.detail());
            long dummy = rig.state().realmDummy(ra.rd());
            assertEquals(dummy, rig.entry(ra, SHM0).x3(), "a rejected upload leaves the dummy mapping");
        }
    }

    @Test
    void anImpostorCannotTakeAnIdentityWhoseRimIsExpected() {
        try (MicaRig rig = new MicaRig()) {
            byte[] raBin = PolyWriter.encode(Policies.ra());
            MicaRig.Realm ra = rig.create("ra", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, raBin)), 2, SHM0);
            MicaRig.Realm impostor = rig.create("impostor", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, raBin)),
                    2, SHM0);
            Policy rnet = Policies.withVm(Policies.rnet(), 1, new PolicyVm(ObjectName.of("VM2"), 2, false, false,
                    java.util.Optional.of(rig.rim(ra))));
            byte[] rnetBin = PolyWriter.encode(rnet);
            MicaRig.Realm gw = rig.create("rnet", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, rnetBin)), 1, SHM0);
            long ch = rig.channel(2);
            rig.activate(gw);
            rig.share(gw, SHM0, ch, 2);
            assertEquals(0, report(rig.enter(gw)));
            rig.activate(impostor);
            rig.share(impostor, SHM0, ch, 2);
            assertEquals(INPUT, report(rig.enter(impostor)));
            assertEquals(-10, rig.state().lastUpload(impostor.rd()).orElseThrow().code(),
                    rig.state().lastUpload(impostor.rd()).orElseThrow().detail());
            rig.t.ok(RmiCommand.RMI_DATA_DESTROY, impostor.rd(), SHM0);
            rig.t.ok(RmiCommand.RMI_DATA_DESTROY, impostor.rd(), SHM0 + 0x1000);
            rig.activate(ra);
            rig.share(ra, SHM0, ch, 2);
            assertEquals(0, report(rig.enter(ra)), "the realm with the expected RIM takes the identity: "
                    + rig.state().lastUpload(ra.rd()));
        }
    }

    @Test
    void pageReusedUnderAnotherIpaMinusFiveAndMissingCoverageMinusSix() {
        try (MicaRig rig = new MicaRig()) {
            byte[] rnetBin = PolyWriter.encode(Policies.rnet());
            byte[] raBin = PolyWriter.encode(Policies.ra());
            MicaRig.Realm rnet = rig.create("rnet", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, rnetBin)), 1, SHM0);
            MicaRig.Realm ra = rig.create("ra", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, raBin));
                MicaRig.report(cpu, MicaRig.upload(cpu, raBin));
            }, 2, SHM0);
            long ch = rig.channel(2);
            rig.activate(rnet);
            rig.share(rnet, SHM0, ch, 2);
            assertEquals(0, report(rig.enter(rnet)));
            rig.activate(ra);
            rig.share(ra, SHM0, ch, 1);
            assertEquals(INPUT, report(rig.enter(ra)));
            assertEquals(-6, rig.state().lastUpload(ra.rd()).orElseThrow().code(), "page 1 of ra is missing");
            rig.share(ra, SHM0 + 0x1000, ch, 1);
            assertEquals(INPUT, report(rig.enter(ra)));
            assertEquals(-5, rig.state().lastUpload(ra.rd()).orElseThrow().code(),
                    "ra maps page 0 of the channel again at its page 1");
        }
    }
}
