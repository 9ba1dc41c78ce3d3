package org.micasim.rmm.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built malformed tokens: each failure names the part, the claim and the problem. */
class CcaTokenDecodingTest {
    private final SimulatedPlatform platform = new SimulatedPlatform(4);
    private final RealmAttestationKey rak = platform.rak();
    private final byte[] platformToken = platform.platformToken(rak.publicKeyHash());
    private final CcaTokenVerifier verifier = new CcaTokenVerifier(platform.platformPublicKey());

    private byte[] collection(int tag, byte[] realmToken, boolean cmw, int cmwType) {
        return Cbor.encode(g -> {
            g.writeTag(tag);
            g.writeStartObject(null, 2);
            for (int key : new int[] {CcaTokenIssuer.KEY_PLATFORM_TOKEN, CcaTokenIssuer.KEY_REALM_TOKEN}) {
                byte[] value = key == CcaTokenIssuer.KEY_PLATFORM_TOKEN ? platformToken : realmToken;
                g.writeFieldId(key);
                if (cmw) {
                    g.writeStartArray(null, 2);
                    g.writeNumber(cmwType);
                    g.writeBinary(value);
                    g.writeEndArray();
                } else {
                    g.writeBinary(value);
                }
            }
            g.writeEndObject();
        });
    }

    private byte[] validRealmToken() {
        return new CcaTokenIssuer(rak, platformToken).realmToken(RealmClaims.of(new byte[64], new byte[64],
                new byte[32], List.of(new byte[32], new byte[32], new byte[32], new byte[32]),
                HashAlgorithmId.SHA_256, rak));
    }

    private String failure(byte[] token) {
        return assertThrows(CcaTokenException.class, () -> verifier.verify(token)).getMessage();
    }

    @Test
    void cmwFormOfOurOwnTokenVerifies() throws CcaTokenException {
        VerifiedCcaToken t = verifier.verify(collection(907, validRealmToken(), true, 263));
        assertEquals(CcaTokenFormat.CMW_907, t.format());
    }

    @Test
    void wrongCmwTypeIsNamed() {
        assertEquals("CCA token: platform token (key 44234) has CMW type 264, expected 263 (EAT CWT)",
                failure(collection(907, validRealmToken(), true, 264)));
    }

    @Test
    void cmwShapeUnderTag399IsRefused() {
        assertEquals("CCA token: platform token (key 44234) must be a bstr",
                failure(collection(399, validRealmToken(), true, 263)));
    }

    @Test
    void missingRealmClaimIsNamed() {
        byte[] claims = Cbor.encode(g -> {
            g.writeStartObject(null, 2);
            g.writeFieldId(10);
            g.writeBinary(new byte[64]);
            g.writeFieldId(44235);
            g.writeBinary(new byte[64]);
            g.writeEndObject();
        });
        assertEquals("realm token: claim 44239 (extensible measurements) is missing",
                failure(collection(399, CoseSign1.sign(claims, rak.key()), false, 0)));
    }

    @Test
    void wrongClaimTypeIsNamed() {
        byte[] claims = Cbor.encode(g -> {
            g.writeStartObject(null, 1);
            g.writeFieldId(44239);
            g.writeString("not an array");
            g.writeEndObject();
        });
        assertEquals("realm token: claim 44239 (extensible measurements) must be an array",
                failure(collection(399, CoseSign1.sign(claims, rak.key()), false, 0)));
    }

    @Test
    void duplicateClaimIsRefused() {
        byte[] claims = Cbor.encode(g -> {
            g.writeStartObject(null, 2);
            g.writeFieldId(10);
            g.writeBinary(new byte[64]);
            g.writeFieldId(10);
            g.writeBinary(new byte[64]);
            g.writeEndObject();
        });
        String message = failure(collection(399, CoseSign1.sign(claims, rak.key()), false, 0));
        assertTrue(message.startsWith("realm token: payload is not well-formed CBOR: Duplicate"), message);
    }

    @Test
    void untaggedRealmTokenIsRefused() {
        byte[] tagged = validRealmToken();
        // drop the leading d2 (tag 18)
        byte[] untagged = java.util.Arrays.copyOfRange(tagged, 1, tagged.length);
        assertEquals("realm token: expected COSE_Sign1 tag 18, found no tag",
                failure(collection(399, untagged, false, 0)));
    }

    @Test
    void otherAlgorithmInProtectedHeaderIsRefused() {
        byte[] es256Header = Cbor.encode(g -> {
            g.writeStartObject(null, 1);
            g.writeFieldId(1);
            g.writeNumber(-7);
            g.writeEndObject();
        });
        CoseSign1 valid = assertDoesNotThrowDecode(validRealmToken());
        byte[] forged = new CoseSign1(es256Header, valid.payload(), valid.signature()).encode();
        assertEquals("realm token: protected header must carry alg (1) = -35 (ES384)",
                failure(collection(399, forged, false, 0)));
    }

    @Test
    void extraTopLevelKeyIsRefused() {
        byte[] token = Cbor.encode(g -> {
            g.writeTag(399);
            g.writeStartObject(null, 3);
            g.writeFieldId(CcaTokenIssuer.KEY_PLATFORM_TOKEN);
            g.writeBinary(platformToken);
            g.writeFieldId(CcaTokenIssuer.KEY_REALM_TOKEN);
            g.writeBinary(validRealmToken());
            g.writeFieldId(1);
            g.writeNumber(0);
            g.writeEndObject();
        });
        assertEquals("CCA token: unexpected key 1", failure(token));
    }

    private static CoseSign1 assertDoesNotThrowDecode(byte[] token) {
        try {
            return CoseSign1.decode(token, "realm token");
        } catch (CcaTokenException e) {
            throw new AssertionError(e);
        }
    }
}
