package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;

/**
 * A relying party's check of a CCA token against a trusted platform public key, in this order:
 * <ol>
 * <li>decode the collection ({@link CcaTokenFormat#TAG_399} or {@link CcaTokenFormat#CMW_907});</li>
 * <li>the platform COSE_Sign1 verifies with the platform key, and its claims are well-formed;</li>
 * <li>the realm COSE_Sign1 and its claims are well-formed;</li>
 * <li>binding: the platform challenge equals H(realm claim 44237), H being realm claim 44240; the hash is
 * over the claim's bytes whatever their form (COSE_Key, or the legacy raw SEC1 point);</li>
 * <li>the realm COSE_Sign1 verifies with the RAK of claim 44237.</li>
 * </ol>
 * The first failing check raises a {@link CcaTokenException} that names it.
 */
public final class CcaTokenVerifier {
    private final ECPublicKey platformKey;

    public CcaTokenVerifier(ECPublicKey platformKey) {
        this.platformKey = Objects.requireNonNull(platformKey, "platformKey");
        P384.checkCurve(platformKey);
    }

    /** Verifies a whole CCA token. */
    public VerifiedCcaToken verify(byte[] ccaToken) throws CcaTokenException {
        Cbor.Tagged outer;
        try {
            outer = Cbor.decode(ccaToken);
        } catch (IOException e) {
            throw new CcaTokenException("CCA token: not well-formed CBOR: " + e.getMessage(), e);
        }
        CcaTokenFormat format = Arrays.stream(CcaTokenFormat.values()).filter(f -> f.tag() == outer.tag())
                .findFirst().orElseThrow(() -> new CcaTokenException("CCA token: expected tag 399 or 907, found "
                        + (outer.tag() == Cbor.NO_TAG ? "no tag" : "tag " + outer.tag())));
        JsonNode map = outer.value();
        if (!map.isObject()) {
            throw new CcaTokenException("CCA token: tag " + format.tag() + " must wrap a map");
        }
        for (Iterator<String> keys = map.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals(Integer.toString(CcaTokenIssuer.KEY_PLATFORM_TOKEN))
                    && !key.equals(Integer.toString(CcaTokenIssuer.KEY_REALM_TOKEN))) {
                throw new CcaTokenException("CCA token: unexpected key " + key);
            }
        }
        byte[] platformBytes = entry(map, CcaTokenIssuer.KEY_PLATFORM_TOKEN, "platform token", format);
        byte[] realmBytes = entry(map, CcaTokenIssuer.KEY_REALM_TOKEN, "realm token", format);

        PlatformClaims platform = verifyPlatformToken(platformBytes);

        CoseSign1 realmSign1 = CoseSign1.decode(realmBytes, "realm token");
        RealmClaims realm = RealmClaims.decode(decodePayload(realmSign1, "realm token"));

        byte[] rakBytes = realm.rakPublicKey();
        byte[] expectedChallenge = realm.publicKeyHashAlgorithm().digest(rakBytes);
        if (!Arrays.equals(expectedChallenge, platform.challenge())) {
            throw new CcaTokenException("binding: platform challenge " + HexFormat.of().formatHex(platform.challenge())
                    + " is not the " + realm.rakHashAlgorithm() + " of the realm token's RAK (claim 44237), "
                    + HexFormat.of().formatHex(expectedChallenge));
        }
        VerifiedCcaToken.RakForm rakForm = rakBytes.length == P384.SEC1_POINT_SIZE && rakBytes[0] == 0x04
                ? VerifiedCcaToken.RakForm.SEC1_POINT : VerifiedCcaToken.RakForm.COSE_KEY;
        ECPublicKey rak;
        try {
            rak = rakForm == VerifiedCcaToken.RakForm.SEC1_POINT ? P384.fromSec1Point(rakBytes)
                    : CoseKey.decode(rakBytes);
        } catch (IllegalArgumentException e) {
            throw new CcaTokenException("realm token: claim 44237 (public key) is not a P-384 key: " + e.getMessage(), e);
        }
        if (!realmSign1.verifies(rak)) {
            throw new CcaTokenException("realm token: signature does not verify with the RAK in claim 44237");
        }
        return new VerifiedCcaToken(format, platform, realm, rak, rakForm, platformBytes, realmBytes);
    }

    /** Verifies a platform token on its own (e.g. the one EL3 hands the RMM) and returns its claims. */
    public PlatformClaims verifyPlatformToken(byte[] platformToken) throws CcaTokenException {
        CoseSign1 sign1 = CoseSign1.decode(platformToken, "platform token");
        if (!sign1.verifies(platformKey)) {
            throw new CcaTokenException("platform token: signature does not verify with the platform public key");
        }
        return PlatformClaims.decode(decodePayload(sign1, "platform token"));
    }

    private static JsonNode decodePayload(CoseSign1 sign1, String what) throws CcaTokenException {
        try {
            Cbor.Tagged claims = Cbor.decode(sign1.payload());
            if (claims.tag() != Cbor.NO_TAG) {
                throw new CcaTokenException(what + ": claims set must not be tagged, found tag " + claims.tag());
            }
            return claims.value();
        } catch (IOException e) {
            throw new CcaTokenException(what + ": payload is not well-formed CBOR: " + e.getMessage(), e);
        }
    }

    private static byte[] entry(JsonNode map, int key, String what, CcaTokenFormat format) throws CcaTokenException {
        JsonNode v = map.get(Integer.toString(key));
        if (v == null) {
            throw new CcaTokenException("CCA token: " + what + " (key " + key + ") is missing");
        }
        if (format == CcaTokenFormat.TAG_399) {
            if (!v.isBinary()) {
                throw new CcaTokenException("CCA token: " + what + " (key " + key + ") must be a bstr");
            }
            return Cbor.bytes(v);
        }
        if (!v.isArray() || v.size() != 2 || !v.get(0).isIntegralNumber() || !v.get(1).isBinary()) {
            throw new CcaTokenException("CCA token: " + what + " (key " + key + ") must be [263, bstr]");
        }
        if (v.get(0).asLong() != CcaTokenFormat.COAP_EAT_CWT) {
            throw new CcaTokenException("CCA token: " + what + " (key " + key + ") has CMW type " + v.get(0).asLong()
                    + ", expected 263 (EAT CWT)");
        }
        return Cbor.bytes(v.get(1));
    }
}
