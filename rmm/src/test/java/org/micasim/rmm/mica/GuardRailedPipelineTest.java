package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.micasim.rmm.mica.Policies.SHM0;
import static org.micasim.rmm.mica.Policies.SHM1;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;

/**
 * The published guard-railed inference pipeline (RG gateway, RF filter, RI inference; mica.md §4.4 b)
 * through RMI and RSI only: sequential setup, a prompt travelling RG -> RF -> RI and the answer back,
 * then a group token from RG that the relying party accepts for exactly these three policies.
 */
class GuardRailedPipelineTest {
    private static final long PROMPT = 0x7072_6f6d_7074L;
    private static final long[] WORDS = {7, 8, 9, 10, 11, 12};

    private static long report(RmiRecExit e) {
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason(), "exit " + e.exitReason());
        return e.gpr(0);
    }

    static long infer(long x) {
        return Long.rotateLeft(x, 13) ^ 0x5DEECE66DL;
    }

    @Test
    void promptFilterInferAndBackThenTheGroupTokenVerifies() {
        try (MicaRig rig = new MicaRig()) {
            byte[] rgPolicy = PolyWriter.encode(Policies.rg());
            byte[] rfPolicy = PolyWriter.encode(Policies.rf());
            byte[] riPolicy = PolyWriter.encode(Policies.ri());
            MicaRig.Realm rg = rig.create("rg", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, rgPolicy));
                cpu.store64(SHM0, PROMPT);
                MicaRig.report(cpu, 1);
                MicaRig.report(cpu, cpu.load64(SHM0 + 0x1000));
                MicaRig.report(cpu, MicaRig.attestGroup(cpu, WORDS));
            }, 1, SHM0);
            MicaRig.Realm rf = rig.create("rf", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, rfPolicy));
                long prompt = cpu.load64(SHM0);
                cpu.store64(SHM1, prompt & 0xFFFF_FFFFL);
                MicaRig.report(cpu, 2);
                cpu.store64(SHM0 + 0x1000, cpu.load64(SHM1 + 0x1000));
                MicaRig.report(cpu, 3);
            }, 2, SHM0, SHM1);
            MicaRig.Realm ri = rig.create("ri", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, riPolicy));
                cpu.store64(SHM0 + 0x1000, infer(cpu.load64(SHM0)));
                MicaRig.report(cpu, 4);
            }, 3, SHM0);
            long p1 = rig.channel(2);
            long p2 = rig.channel(2);
            rig.activate(rg);
            rig.share(rg, SHM0, p1, 2);
            long buffer = rig.hostBuffer(rg, 4);
            assertEquals(0, report(rig.enter(rg)), "rg uploads: " + rig.state().lastUpload(rg.rd()));
            rig.activate(rf);
            rig.share(rf, SHM0, p1, 2);
            rig.share(rf, SHM1, p2, 2);
            assertEquals(0, report(rig.enter(rf)), "rf uploads: " + rig.state().lastUpload(rf.rd()));
            rig.activate(ri);
            rig.share(ri, SHM0, p2, 2);
            assertEquals(0, report(rig.enter(ri)), "ri uploads: " + rig.state().lastUpload(ri.rd()));

            assertEquals(1, report(rig.enter(rg)));
            assertEquals(2, report(rig.enter(rf)));
            assertEquals(4, report(rig.enter(ri)));
            assertEquals(3, report(rig.enter(rf)));
            assertEquals(infer(PROMPT & 0xFFFF_FFFFL), report(rig.enter(rg)), "the answer came back");

            RmiRecExit a = rig.enter(rg);
            assertEquals(0, report(a));
            assertEquals(3, a.gpr(2), "rg, rf and ri");
            byte[] stream = rig.t.read(buffer, (int) a.gpr(1));
            List<ExpectedMember> expected = List.of(
                    new ExpectedMember("rg", rig.rim(rg), Policies.rg(), MicaRig.rpv(1)),
                    new ExpectedMember("rf", rig.rim(rf), Policies.rf(), MicaRig.rpv(2)),
                    new ExpectedMember("ri", rig.rim(ri), Policies.ri(), MicaRig.rpv(3)));
            GroupVerifier v = new GroupVerifier(MicaRig.PLATFORM.platformPublicKey());
            GroupVerification ok = v.verify(stream, 3, MicaRig.challenge(WORDS), expected);
            assertTrue(ok.accepted(), ok.toString());
            Policy riAltered = Policies.withVm(Policies.ri(), 2, Policies.vm("VM3", 3, false, false));
            List<ExpectedMember> altered = List.of(expected.get(0), expected.get(1),
                    new ExpectedMember("ri", rig.rim(ri), riAltered, MicaRig.rpv(3)));
            GroupVerification no = v.verify(stream, 3, MicaRig.challenge(WORDS), altered);
            assertEquals(GroupVerification.Check.POLICY, no.failed(), no.toString());
            assertTrue(no.detail().contains("member 2 (ri)"), no.detail());
        }
    }
}
