package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The group aggregate against a computation written out here with MessageDigest. */
class GroupAggregateTest {

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** H(agg[0..d) || peer[0..64)) into agg[0..d), agg[d..64) kept: the published rolling extend. */
    private static byte[] independentExtend(String jca, int d, byte[] agg, byte[] peer)
            throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance(jca);
        md.update(agg, 0, d);
        md.update(peer, 0, 64);
        byte[] out = agg.clone();
        System.arraycopy(md.digest(), 0, out, 0, d);
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aggregateMatchesAnIndependentComputation(long seed) throws NoSuchAlgorithmException {
        SplittableRandom random = new SplittableRandom(seed);
        boolean sha512 = random.nextBoolean();
        HashAlgorithmId algo = sha512 ? HashAlgorithmId.SHA_512 : HashAlgorithmId.SHA_256;
        String jca = sha512 ? "SHA-512" : "SHA-256";
        int d = algo.digestSize();
        int n = 1 + random.nextInt(GroupAggregate.MAX_MEMBERS);
        List<GroupMember> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(GroupMember.of(bytes(random, d), bytes(random, d), bytes(random, 64)));
        }
        byte[] rim = Arrays.copyOf(members.get(0).rimSlot(), 64);
        byte[] policy = members.get(0).policySlot();
        byte[] rpv = members.get(0).rpv();
        for (GroupMember m : members.subList(1, n)) {
            rim = independentExtend(jca, d, rim, m.rimSlot());
            policy = independentExtend(jca, d, policy, m.policySlot());
            rpv = independentExtend(jca, d, rpv, m.rpv());
        }
        GroupAggregate agg = GroupAggregate.compute(algo, members);
        assertArrayEquals(Arrays.copyOf(rim, d), agg.rim(), "seed " + seed);
        assertArrayEquals(Arrays.copyOf(policy, d), agg.policyMeasurement(), "seed " + seed);
        assertArrayEquals(rpv, agg.rpv(), "seed " + seed);
        if (n > 1) {
            List<GroupMember> reversed = new ArrayList<>(members.subList(1, n));
            Collections.reverse(reversed);
            reversed.add(0, members.get(0));
            boolean orderMatters = n > 2 && !agg.equals(GroupAggregate.compute(algo, reversed));
            assertTrue(n <= 2 || orderMatters, "discovery order must matter; seed " + seed);
        }
    }

    @Test
    void sha256KeepsTheCallersUpperRpvBytesAndZeroPaddedSlots() throws NoSuchAlgorithmException {
        byte[] callerRpv = new byte[64];
        Arrays.fill(callerRpv, (byte) 0xAA);
        byte[] peerRpv = new byte[64];
        Arrays.fill(peerRpv, (byte) 0x55);
        byte[] callerRim = new byte[32];
        byte[] peerRim = new byte[32];
        Arrays.fill(peerRim, (byte) 1);
        GroupAggregate agg = GroupAggregate.compute(HashAlgorithmId.SHA_256, List.of(
                GroupMember.of(callerRim, new byte[32], callerRpv), GroupMember.of(peerRim, new byte[32], peerRpv)));
        // 32 caller bytes followed by the peer's whole 64-byte slot (its RIM zero-padded): 96 bytes hashed.
        byte[] input = new byte[96];
        System.arraycopy(peerRim, 0, input, 32, 32);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(input), agg.rim());
        assertArrayEquals(Arrays.copyOfRange(callerRpv, 32, 64), Arrays.copyOfRange(agg.rpv(), 32, 64));
        assertFalse(Arrays.equals(Arrays.copyOf(callerRpv, 32), Arrays.copyOf(agg.rpv(), 32)));
    }

    @Test
    void aGroupOfOneIsTheCallerItself() {
        SplittableRandom random = new SplittableRandom(11);
        GroupMember caller = GroupMember.of(bytes(random, 64), bytes(random, 64), bytes(random, 64));
        GroupAggregate agg = GroupAggregate.compute(HashAlgorithmId.SHA_512, List.of(caller));
        assertArrayEquals(caller.rimSlot(), agg.rim());
        assertArrayEquals(caller.policySlot(), agg.policyMeasurement());
        assertArrayEquals(caller.rpv(), agg.rpv());
    }

    @Test
    void groupSizeIsBounded() {
        GroupMember m = GroupMember.of(new byte[32], new byte[32], new byte[64]);
        assertThrows(IllegalArgumentException.class, () -> GroupAggregate.compute(HashAlgorithmId.SHA_256, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> GroupAggregate.compute(HashAlgorithmId.SHA_256, Collections.nCopies(9, m)));
        assertThrows(IllegalArgumentException.class, () -> GroupMember.of(new byte[48], new byte[32], new byte[64]));
    }

    @Test
    void policyMeasurementIsAnExtendOfAZeroSlot() throws NoSuchAlgorithmException {
        byte[] policy = bytes(new SplittableRandom(5), 2184);
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        md.update(new byte[64]);
        md.update(policy);
        assertArrayEquals(md.digest(), GroupAggregate.policyMeasurement(HashAlgorithmId.SHA_512, policy));
    }

    @Test
    void groupTokenIsIssuedVerifiedAndMatched() throws CcaTokenException {
        SimulatedPlatform platform = new SimulatedPlatform(21);
        RealmAttestationKey rak = platform.rak();
        SplittableRandom random = new SplittableRandom(21);
        List<byte[]> rems = List.of(GroupAggregate.policyMeasurement(HashAlgorithmId.SHA_256, bytes(random, 2184)),
                bytes(random, 32), bytes(random, 32), bytes(random, 32));
        RealmClaims caller = RealmClaims.of(bytes(random, 64), bytes(random, 64), bytes(random, 32), rems,
                HashAlgorithmId.SHA_256, rak);
        GroupMember peer = GroupMember.of(bytes(random, 32),
                GroupAggregate.policyMeasurement(HashAlgorithmId.SHA_256, bytes(random, 2184)), bytes(random, 64));
        GroupAggregate agg = GroupAggregate.compute(HashAlgorithmId.SHA_256,
                List.of(GroupMember.fromClaims(caller), peer));
        byte[] token = new CcaTokenIssuer(rak, platform.platformToken(rak.publicKeyHash())).issue(agg.applyTo(caller));
        VerifiedCcaToken verified = new CcaTokenVerifier(platform.platformPublicKey()).verify(token);
        assertTrue(agg.matches(verified.realm()));
        assertArrayEquals(rems.get(1), verified.realm().extensibleMeasurements().get(1));
        assertArrayEquals(caller.challenge(), verified.realm().challenge());
        GroupAggregate callerAlone = GroupAggregate.compute(HashAlgorithmId.SHA_256,
                List.of(GroupMember.fromClaims(caller)));
        assertFalse(callerAlone.matches(verified.realm()));
    }
}
