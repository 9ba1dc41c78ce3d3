package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue -> verify round trips on the simulated platform, and rejection of tampered tokens. */
class CcaTokenIssuerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static RealmClaims randomClaims(SplittableRandom random, RealmAttestationKey rak) {
        HashAlgorithmId algo = random.nextBoolean() ? HashAlgorithmId.SHA_256 : HashAlgorithmId.SHA_512;
        List<byte[]> rems = new ArrayList<>();
        for (int i = 0; i < RealmClaims.REM_COUNT; i++) {
            rems.add(randomBytes(random, algo.digestSize()));
        }
        return RealmClaims.of(randomBytes(random, 64), randomBytes(random, 64), randomBytes(random, algo.digestSize()),
                rems, algo, rak);
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] issue(SimulatedPlatform platform, RealmClaims claims) {
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(platform.realmAttestationKey());
        return new CcaTokenIssuer(rak, platform.platformToken(rak.publicKeyHash())).issue(claims);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 5, 8, 13, 21})
    void issuedTokensVerifyAndCarryTheClaims(long seed) throws CcaTokenException {
        SimulatedPlatform platform = new SimulatedPlatform(seed);
        RealmClaims claims = randomClaims(new SplittableRandom(seed), platform.rak());
        byte[] token = issue(platform, claims);
        VerifiedCcaToken t = new CcaTokenVerifier(platform.platformPublicKey()).verify(token);
        assertEquals(claims, t.realm(), "seed " + seed);
        assertEquals(platform.platformClaims(platform.rak().publicKeyHash()), t.platform(), "seed " + seed);
        assertEquals(CcaTokenFormat.TAG_399, t.format(), "seed " + seed);
        assertEquals(VerifiedCcaToken.RakForm.COSE_KEY, t.rakForm(), "seed " + seed);
        assertArrayEquals(token, issue(new SimulatedPlatform(seed), claims), "same seed, same bytes; seed " + seed);
    }

    @Test
    void tokenLayoutFollowsTfRmm() throws CcaTokenException {
        SimulatedPlatform platform = new SimulatedPlatform(7);
        RealmClaims claims = randomClaims(new SplittableRandom(7), platform.rak());
        byte[] token = issue(platform, claims);
        // 399({44234: bstr (2-byte length), ...}): d9 018f a2 19 acca 59 ....
        assertTrue(HEX.formatHex(token).startsWith("d9018fa219acca59"), HEX.formatHex(token, 0, 16));
        VerifiedCcaToken t = new CcaTokenVerifier(platform.platformPublicKey()).verify(token);
        // 18([h'a1013822', {}, bstr payload, ...]) exactly as TF-RMM/t_cose and the TF-M examples
        assertTrue(HEX.formatHex(t.realmToken()).startsWith("d28444a1013822a059"));
        assertTrue(HEX.formatHex(t.platformToken()).startsWith("d28444a1013822a059"));
        // Realm claims in TF-RMM order: 10, 44235, 44237, 44236, 44240, 265, 44238, 44239.
        byte[] payload = CoseSign1.decode(t.realmToken(), "realm token").payload();
        String hex = HEX.formatHex(payload);
        int[] order = {hex.indexOf("0a5840"), hex.indexOf("19accb5840"), hex.indexOf("19accd58"),
            hex.indexOf("19accc67"), hex.indexOf("19acd067"), hex.indexOf("19010978"), hex.indexOf("19acce58"),
            hex.indexOf("19accf84")};
        assertTrue(hex.startsWith("a8"), "a map of 8 claims");
        for (int i = 1; i < order.length; i++) {
            assertTrue(order[i - 1] >= 0 && order[i] > order[i - 1], "claim " + i + " out of order in " + hex);
        }
    }

    @Test
    void claimsWithAForeignRakAreRefused() {
        SimulatedPlatform platform = new SimulatedPlatform(1);
        RealmClaims foreign = randomClaims(new SplittableRandom(1), new SimulatedPlatform(2).rak());
        CcaTokenIssuer issuer = new CcaTokenIssuer(platform.rak(), platform.platformToken(platform.rak().publicKeyHash()));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(foreign));
    }

    private static void assertRejected(byte[] tampered, SimulatedPlatform platform, String messageStart) {
        CcaTokenException e = assertThrows(CcaTokenException.class,
                () -> new CcaTokenVerifier(platform.platformPublicKey()).verify(tampered));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private static byte[] flipAt(byte[] token, byte[] needle, int offsetInNeedle) {
        String hex = HEX.formatHex(token);
        int at = hex.indexOf(HEX.formatHex(needle));
        assertTrue(at >= 0 && at % 2 == 0, "needle not found");
        byte[] copy = token.clone();
        copy[at / 2 + offsetInNeedle] ^= 0x01;
        return copy;
    }

    @Test
    void tamperedPartsAreRejectedWithTheFailingCheckNamed() {
        SimulatedPlatform platform = new SimulatedPlatform(99);
        RealmClaims claims = randomClaims(new SplittableRandom(99), platform.rak());
        byte[] token = issue(platform, claims);
        byte[] platformToken = platform.platformToken(platform.rak().publicKeyHash());

        // a platform claim (the config "mica-sim")
        assertRejected(flipAt(token, "mica-sim".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 2), platform,
                "platform token: signature does not verify");
        // the platform signature (last 96 bytes of the platform token)
        assertRejected(flipAt(token, java.util.Arrays.copyOfRange(platformToken, platformToken.length - 96,
                platformToken.length), 10), platform, "platform token: signature does not verify");
        // a realm claim (the challenge)
        assertRejected(flipAt(token, claims.challenge(), 5), platform,
                "realm token: signature does not verify with the RAK");
        // the realm signature: the last byte of the token
        byte[] sig = token.clone();
        sig[sig.length - 1] ^= 0x01;
        assertRejected(sig, platform, "realm token: signature does not verify with the RAK");
        // the RAK in claim 44237 (a byte of x): the binding to the platform challenge breaks first
        assertRejected(flipAt(token, platform.rak().coseKey(), 20), platform, "binding: platform challenge");
    }

    @Test
    void malformedRealmClaimsAreNamed() {
        SimulatedPlatform platform = new SimulatedPlatform(3);
        byte[] challenge = new byte[64];
        assertThrows(IllegalArgumentException.class, () -> new RealmClaims(new byte[63], new byte[64], new byte[32],
                List.of(new byte[32], new byte[32], new byte[32], new byte[32]), "sha-256", platform.rak().coseKey(),
                "sha-256", RealmClaims.PROFILE_1_0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RealmClaims(challenge,
                new byte[64], new byte[32], List.of(new byte[32], new byte[32], new byte[32]), "sha-256",
                platform.rak().coseKey(), "sha-256", RealmClaims.PROFILE_1_0));
        assertEquals("there are exactly 4 extensible measurements, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RealmClaims(challenge, new byte[64], new byte[64],
                List.of(new byte[32], new byte[32], new byte[32], new byte[32]), "sha-256", platform.rak().coseKey(),
                "sha-256", RealmClaims.PROFILE_1_0));
        assertEquals("initial measurement must be 32 bytes, got 64", e.getMessage());
    }
}
