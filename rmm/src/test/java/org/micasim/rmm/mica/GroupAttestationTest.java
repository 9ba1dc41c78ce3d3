package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.micasim.rmm.mica.Policies.SHM0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiStatus;

/**
 * Group attestation on the real machine, checked by the relying party's verifier: the network-service
 * group is accepted; an altered policy, a forged stream, a wrong challenge and an extra sharer are not.
 */
class GroupAttestationTest {
    private static final long[] WORDS = {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666};

    /** rnet and ra set up in order; rnet then attests its group. */
    private static final class Network implements AutoCloseable {
        final MicaRig rig = new MicaRig();
        final MicaRig.Realm rnet;
        final MicaRig.Realm ra;
        final long channel;
        final long buffer;
        long[] attestation;

        Network(boolean eveJoins) {
            byte[] rnetPolicy = PolyWriter.encode(Policies.rnet());
            byte[] raPolicy = PolyWriter.encode(Policies.ra());
            rnet = rig.create("rnet", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, rnetPolicy));
                MicaRig.report(cpu, MicaRig.attestGroup(cpu, WORDS));
            }, 1, SHM0);
            ra = rig.create("ra", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, raPolicy)), 2, SHM0);
            channel = rig.channel(2);
            rig.activate(rnet);
            rig.share(rnet, SHM0, channel, 2);
            buffer = rig.hostBuffer(rnet, 4);
            assertEquals(0, status(rig.enter(rnet)), "rnet uploads");
            rig.activate(ra);
            rig.share(ra, SHM0, channel, 2);
            assertEquals(0, status(rig.enter(ra)), "ra uploads");
            if (eveJoins) {
                MicaRig.Realm eve = rig.create("eve", cpu -> { }, 3, SHM0);
                rig.activate(eve);
                rig.share(eve, SHM0, channel, 1);
            }
            RmiRecExit e = rig.enter(rnet);
            assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason());
            attestation = new long[] {e.gpr(0), e.gpr(1), e.gpr(2), e.gpr(3)};
        }

        byte[] stream() {
            return rig.t.read(buffer, (int) attestation[1]);
        }

        List<ExpectedMember> expected(Policy raPolicy) {
            return List.of(new ExpectedMember("rnet", rig.rim(rnet), Policies.rnet(), MicaRig.rpv(1)),
                    new ExpectedMember("ra", rig.rim(ra), raPolicy, MicaRig.rpv(2)));
        }

        @Override
        public void close() {
            rig.close();
        }
    }

    private static long status(RmiRecExit e) {
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason());
        return e.gpr(0);
    }

    @Test
    void theGroupTokenOfThePipelineIsAcceptedAndAlteredPoliciesAreNot() {
        try (Network n = new Network(false)) {
            assertEquals(RsiStatus.RSI_SUCCESS.code(), n.attestation[0]);
            assertEquals(2, n.attestation[2], "two members");
            assertEquals(PolicyImage.SIZE, n.attestation[3]);
            GroupVerifier v = new GroupVerifier(MicaRig.PLATFORM.platformPublicKey());
            byte[] challenge = MicaRig.challenge(WORDS);
            byte[] stream = n.stream();
            GroupVerification ok = v.verify(stream, 2, challenge, n.expected(Policies.ra()));
            assertTrue(ok.accepted(), ok.toString());

            Policy altered = Policies.withMems(Policies.ra(), Policies.mem("Mem1", 0x2000,
                    Policies.named(0, SHM0, Prot.RW), Policies.named(1, SHM0, Prot.R)));
            assertEquals(GroupVerification.Check.POLICY, v.verify(stream, 2, challenge, n.expected(altered)).failed());

            byte[] forged = stream.clone();
            forged[forged.length - PolicyImage.SIZE + PolicyImage.MEMS + 24 + 24 + 2] = 1;
            assertEquals(GroupVerification.Check.POLICY,
                    v.verify(forged, 2, challenge, n.expected(Policies.ra())).failed(), "a streamed policy altered");

            byte[] badToken = stream.clone();
            badToken[200] ^= 1;
            assertEquals(GroupVerification.Check.TOKEN, v.verify(badToken, 2, challenge, n.expected(Policies.ra()))
                    .failed());
            assertEquals(GroupVerification.Check.CHALLENGE, v.verify(stream, 2, MicaRig.challenge(1),
                    n.expected(Policies.ra())).failed());
            List<ExpectedMember> swapped = List.of(n.expected(Policies.ra()).get(0),
                    new ExpectedMember("ra", n.rig.rim(n.rnet), Policies.ra(), MicaRig.rpv(2)));
            assertEquals(GroupVerification.Check.RIM_AGGREGATE, v.verify(stream, 2, challenge, swapped).failed());
            List<ExpectedMember> rpv = List.of(n.expected(Policies.ra()).get(0),
                    new ExpectedMember("ra", n.rig.rim(n.ra), Policies.ra(), MicaRig.rpv(9)));
            assertEquals(GroupVerification.Check.RPV_AGGREGATE, v.verify(stream, 2, challenge, rpv).failed());
        }
    }

    @Test
    void moreThanEightConnectedRealmsAreRefusedAndTheNinthHasNoIdentity() {
        try (MicaRig rig = new MicaRig()) {
            byte[] lone = PolyWriter.encode(new Policy(0, List.of(Policies.vm("VM9", 9, true, false)),
                    List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW),
                            Policies.any(SHM0, Prot.RW, -1))), List.of()));
            long page = rig.channel(1);
            MicaRig.Realm first = null;
            MicaRig.Realm last = null;
            for (int i = 0; i < 9; i++) {
                MicaRig.Realm r = rig.create("m" + i, cpu -> {
                    MicaRig.report(cpu, cpu.smc(org.micasim.rmm.abi.RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid())[0]);
                    MicaRig.report(cpu, MicaRig.upload(cpu, lone));
                }, i + 1, SHM0);
                rig.activate(r);
                rig.share(r, SHM0, page, 1);
                first = first == null ? r : first;
                last = r;
            }
            assertEquals(8, rig.state().metadata().entries().size(), "the metadata table holds 8 realms");
            assertEquals(RsiStatus.RSI_ERROR_INPUT.code(), status(rig.enter(first)), "9 realms share the page");
            status(rig.enter(last));
            assertEquals(RsiStatus.RSI_ERROR_INPUT.code(), status(rig.enter(last)));
            assertEquals(-10, rig.state().lastUpload(last.rd()).orElseThrow().code(),
                    "the ninth realm has no metadata entry, so no identity");
        }
    }

    @Test
    void aThirdRealmMappingTheChannelShowsUpAsAnExtraMember() {
        try (Network n = new Network(true)) {
            assertEquals(RsiStatus.RSI_SUCCESS.code(), n.attestation[0]);
            assertEquals(3, n.attestation[2], "eve shares a page of the channel: she is in the group");
            GroupVerification r = new GroupVerifier(MicaRig.PLATFORM.platformPublicKey())
                    .verify(n.stream(), 3, MicaRig.challenge(WORDS), n.expected(Policies.ra()));
            assertEquals(GroupVerification.Check.MEMBER_COUNT, r.failed(), r.toString());
        }
    }

    @Test
    void aRealmWithoutAPolicyAttestsAsAGroupOfOneWithNoPolicy() {
        try (MicaRig rig = new MicaRig()) {
            MicaRig.Realm solo = rig.create("solo", cpu -> MicaRig.report(cpu, MicaRig.attestGroup(cpu, WORDS)), 1, SHM0);
            rig.activate(solo);
            long buffer = rig.hostBuffer(solo, 4);
            RmiRecExit e = rig.enter(solo);
            assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason());
            assertEquals(RsiStatus.RSI_SUCCESS.code(), e.gpr(0));
            assertEquals(1, e.gpr(2), "the caller alone");
            byte[] stream = rig.t.read(buffer, (int) e.gpr(1));
            GroupVerifier v = new GroupVerifier(MicaRig.PLATFORM.platformPublicKey());
            byte[] challenge = MicaRig.challenge(WORDS);
            GroupVerification ok = v.verify(stream, 1, challenge,
                    List.of(new ExpectedMember("solo", rig.rim(solo), null, MicaRig.rpv(1))));
            assertTrue(ok.accepted(), ok.toString());
            GroupVerification claimed = v.verify(stream, 1, challenge,
                    List.of(new ExpectedMember("solo", rig.rim(solo), Policies.rnet(), MicaRig.rpv(1))));
            assertEquals(GroupVerification.Check.POLICY, claimed.failed(), "a policy is expected but none was uploaded");
        }
    }
}
