package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimulatedPlatformTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 1234567, -1, Long.MAX_VALUE})
    void sameSeedSameKeysAndTokens(long seed) {
        SimulatedPlatform a = new SimulatedPlatform(seed);
        SimulatedPlatform b = new SimulatedPlatform(seed);
        byte[] challenge = new byte[32];
        new SplittableRandom(seed).nextBytes(challenge);
        assertArrayEquals(a.realmAttestationKey(), b.realmAttestationKey(), "seed " + seed);
        assertEquals(a.platformPublicKey().getW(), b.platformPublicKey().getW(), "seed " + seed);
        assertArrayEquals(a.platformToken(challenge), b.platformToken(challenge), "seed " + seed);
        assertEquals(a.platformPublicKeyPem(), b.platformPublicKeyPem(), "seed " + seed);
        SimulatedPlatform other = new SimulatedPlatform(seed + 1);
        assertFalse(Arrays.equals(a.realmAttestationKey(), other.realmAttestationKey()), "seed " + seed);
        assertNotEquals(a.platformPublicKey().getW(), other.platformPublicKey().getW(), "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 64})
    void platformTokenVerifiesAndCarriesTheChallenge(int size) throws CcaTokenException {
        SimulatedPlatform platform = new SimulatedPlatform(size);
        byte[] challenge = new byte[size];
        new SplittableRandom(size).nextBytes(challenge);
        CcaTokenVerifier verifier = new CcaTokenVerifier(Pem.decodePublicKey(platform.platformPublicKeyPem()));
        PlatformClaims claims = verifier.verifyPlatformToken(platform.platformToken(challenge));
        assertArrayEquals(challenge, claims.challenge());
        assertEquals(PlatformClaims.PROFILE, claims.profile());
        assertEquals(0x30, claims.lifecycleState());
        assertEquals(4, claims.softwareComponents().size());
        assertEquals("RMM", claims.softwareComponents().get(3).type().orElseThrow());
        assertEquals(1, claims.instanceId()[0]);
    }

    @Test
    void rakScalarAndRakAgree() {
        SimulatedPlatform platform = new SimulatedPlatform(5);
        assertEquals(48, platform.realmAttestationKey().length);
        assertArrayEquals(platform.rak().coseKey(),
                RealmAttestationKey.fromPrivateScalar(platform.realmAttestationKey()).coseKey());
        assertNotEquals(platform.rak().publicKey().getW(), platform.platformPublicKey().getW());
    }

    @Test
    void badChallengeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedPlatform(1).platformToken(new byte[31]));
    }

    @Test
    void pemExportIsStandard() {
        String pem = new SimulatedPlatform(1).platformPublicKeyPem();
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(pem.endsWith("-----END PUBLIC KEY-----\n"));
        // Same shape as the TF-M sample key file (a P-384 SubjectPublicKeyInfo is 120 bytes).
        assertEquals(TestVectors.text(TestVectors.PLATFORM_PUBLIC_KEY).strip().length(), pem.strip().length());
        assertThrows(IllegalArgumentException.class, () -> Pem.decodePublicKey("garbage"));
    }
}
