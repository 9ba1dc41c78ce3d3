package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verification of tokens made by others: TF-RMM's sample platform token and TF-M's example CCA tokens. */
class CcaTokenVerifierTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ECPublicKey PLATFORM_KEY = Pem.decodePublicKey(TestVectors.text(TestVectors.PLATFORM_PUBLIC_KEY));
    private final CcaTokenVerifier verifier = new CcaTokenVerifier(PLATFORM_KEY);

    @Test
    void tfRmmSamplePlatformTokenVerifies() throws CcaTokenException {
        PlatformClaims p = verifier.verifyPlatformToken(TestVectors.bytes(TestVectors.TFRMM_PLATFORM_TOKEN));
        assertEquals(PlatformClaims.PROFILE, p.profile());
        assertTrue(HEX.formatHex(p.challenge()).startsWith("0d22e08a"), HEX.formatHex(p.challenge()));
        assertEquals(32, p.challenge().length);
        assertEquals(0x3003, p.lifecycle());
        assertEquals(0x30, p.lifecycleState());
        assertEquals("sha-256", p.hashAlgorithm());
        assertEquals(Optional.of("https://veraison.example/.well-known/veraison/verification"), p.verificationService());
        assertEquals("cfcfcfcf", HEX.formatHex(p.config()));
        assertEquals(1, p.instanceId()[0]);
        List<String> types = p.softwareComponents().stream().map(c -> c.type().orElseThrow()).toList();
        assertEquals(List.of("RSE_BL1_2", "RSE_BL2", "RSE_S", "AP_BL1", "AP_BL2", "SCP_BL1", "SCP_BL2", "AP_BL31",
                "RMM", "HW_CONFIG", "FW_CONFIG", "TB_FW_CONFIG", "SOC_FW_CONFIG"), types);
        assertEquals("a1fb50e6c86fae1679ef3351296fd6713411a08cf8dd1790a4fd05fae8688164",
                HEX.formatHex(p.softwareComponents().get(8).measurement()));
    }

    @Test
    void tfRmmSamplePlatformChallengeIsTheSampleRakHash() throws CcaTokenException {
        PlatformClaims p = verifier.verifyPlatformToken(TestVectors.bytes(TestVectors.TFRMM_PLATFORM_TOKEN));
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        assertEquals(HEX.formatHex(rak.publicKeyHash()), HEX.formatHex(p.challenge()));
    }

    @Test
    void tfmExampleTokenVerifies() throws CcaTokenException {
        VerifiedCcaToken t = verifier.verify(TestVectors.bytes(TestVectors.TFM_TOKEN));
        assertEquals(CcaTokenFormat.CMW_907, t.format());
        assertEquals(VerifiedCcaToken.RakForm.COSE_KEY, t.rakForm());
        RealmClaims r = t.realm();
        assertTrue(HEX.formatHex(r.challenge()).startsWith("6e86d6d9"), HEX.formatHex(r.challenge()));
        assertTrue(HEX.formatHex(r.challenge()).endsWith("1504"));
        assertEquals(Optional.of("tag:arm.com,2024:realm#2.0.0"), r.profile());
        assertEquals("sha-256", r.hashAlgorithm());
        assertEquals("sha-256", r.rakHashAlgorithm());
        assertEquals("The quick brown fox jumps over 13 lazy dogs.The quick brown fox ",
                new String(r.personalizationValue(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("311314ab73620350cf758834ae5c65d9e8c2dc7febe6e7d9654bbe864e300d49",
                HEX.formatHex(r.initialMeasurement()));
        assertEquals("24d5b0a296cc05cbd8068c5067c5bd473b770dda6ae082fe3ba30abe3f9a6ab1",
                HEX.formatHex(r.extensibleMeasurements().get(0)));
        assertEquals("32c6afc627e55585c03155359f331a0e225f6840db947dd96efab81be2671939",
                HEX.formatHex(r.extensibleMeasurements().get(3)));
        assertEquals(Optional.of(1L), r.mecPolicy());
        assertEquals("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021",
                HEX.formatHex(r.realmInstanceId().orElseThrow()));
        assertTrue(HEX.formatHex(t.platform().challenge()).startsWith("0d22e08a"));
        // The RAK in the token is the sample RAK of the test vectors.
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        assertEquals(HEX.formatHex(rak.coseKey()), HEX.formatHex(r.rakPublicKey()));
        assertEquals(rak.publicKey().getW(), t.rak().getW());
    }

    @Test
    void tfmLegacyTokenWithRawPointRakVerifies() throws CcaTokenException {
        VerifiedCcaToken t = verifier.verify(TestVectors.bytes(TestVectors.TFM_TOKEN_LEGACY));
        assertEquals(CcaTokenFormat.CMW_907, t.format());
        assertEquals(VerifiedCcaToken.RakForm.SEC1_POINT, t.rakForm());
        assertEquals(Optional.empty(), t.realm().profile());
        assertEquals("http://arm.com/CCA-SSD/1.0.0", t.platform().profile());
        assertTrue(HEX.formatHex(t.realm().challenge()).startsWith("6e86d6d9"));
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(TestVectors.rakScalar());
        assertEquals(HEX.formatHex(rak.sec1Point()), HEX.formatHex(t.realm().rakPublicKey()));
        assertEquals(HEX.formatHex(HashAlgorithmId.SHA_256.digest(rak.sec1Point())),
                HEX.formatHex(t.platform().challenge()));
    }

    @Test
    void aDifferentPlatformKeyRejectsTheTfmToken() {
        CcaTokenVerifier wrong = new CcaTokenVerifier(new SimulatedPlatform(1).platformPublicKey());
        CcaTokenException e = assertThrows(CcaTokenException.class,
                () -> wrong.verify(TestVectors.bytes(TestVectors.TFM_TOKEN)));
        assertEquals("platform token: signature does not verify with the platform public key", e.getMessage());
    }

    @Test
    void aBarePlatformTokenIsNotACcaToken() {
        CcaTokenException e = assertThrows(CcaTokenException.class,
                () -> verifier.verify(TestVectors.bytes(TestVectors.TFRMM_PLATFORM_TOKEN)));
        assertEquals("CCA token: expected tag 399 or 907, found tag 18", e.getMessage());
    }

    @Test
    void truncatedTokenIsReportedAsMalformedCbor() {
        byte[] token = TestVectors.bytes(TestVectors.TFM_TOKEN);
        byte[] cut = java.util.Arrays.copyOf(token, token.length - 10);
        CcaTokenException e = assertThrows(CcaTokenException.class, () -> verifier.verify(cut));
        assertTrue(e.getMessage().startsWith("CCA token: not well-formed CBOR"), e.getMessage());
    }

    @Test
    void testVectorsDirectoryIsFoundFromTheModule() {
        assertTrue(java.nio.file.Files.isRegularFile(TestVectors.directory().resolve("README.md")));
    }
}
