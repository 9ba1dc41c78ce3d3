package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealmAttestationKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sampleRakPublicKeyMatchesTheOneInTheTfmToken() {
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        // Public point printed by `openssl ec -text` for tfm_cca_realm_rak_private.pem.
        assertEquals("0476f988091be585ed41801aecfab858548c63057e16b0e676120bbd0d2f9c29e056c5d41a0130eb9c2151"
                + "7899dc23146b28e1b062bd3ea4b315fd219f1cbb528cb6e74ca49be16773734f61a1ca61031b2bbf3d918f2f94ffc4"
                + "228e50919544ae", HEX.formatHex(rak.sec1Point()));
    }

    @Test
    void coseKeyEncodingIsTheExactTfRmmLayout() {
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        byte[] point = rak.sec1Point();
        // a4 (map of 4) 01 02 (kty EC2) 20 02 (crv P-384) 21 58 30 x 22 58 30 y
        String expected = "a401022002215830" + HEX.formatHex(point, 1, 49) + "225830" + HEX.formatHex(point, 49, 97);
        assertEquals(expected, HEX.formatHex(rak.coseKey()));
    }

    @Test
    void sha256OfSampleCoseKeyIsTheTfRmmPlatformChallenge() {
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        assertEquals("0d22e08a98469058486318283489bdb36f09dbefeb1864df433fa6e54ea2d711",
                HEX.formatHex(rak.publicKeyHash()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, -7})
    void signaturesAreRawRsDeterministicAndVerify(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] scalar = P384Key.derive("test", seed).privateScalar();
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(scalar);
        byte[] message = new byte[1 + random.nextInt(300)];
        random.nextBytes(message);
        byte[] sig = rak.sign(message);
        assertEquals(96, sig.length, "seed " + seed);
        assertArrayEquals(sig, RealmAttestationKey.fromPrivateScalar(scalar).sign(message), "seed " + seed);
        assertTrue(P384Key.verify(rak.publicKey(), message, sig), "seed " + seed);
        message[0] ^= 1;
        assertFalse(P384Key.verify(rak.publicKey(), message, sig), "seed " + seed);
    }

    @Test
    void scalarOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RealmAttestationKey.fromPrivateScalar(new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> RealmAttestationKey.fromPrivateScalar(new byte[47]));
        byte[] ff = new byte[48];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> RealmAttestationKey.fromPrivateScalar(ff));
    }

    @Test
    void coseKeyDecodesBackToTheSameKey() {
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        assertEquals(rak.publicKey().getW(), CoseKey.decode(rak.coseKey()).getW());
        assertEquals(rak.publicKey().getW(), P384.fromSec1Point(rak.sec1Point()).getW());
    }
}
