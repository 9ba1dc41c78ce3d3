package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;

/**
 * A P-384 public key as a COSE_Key (RFC 9052 section 7, RFC 9053 section 7.1.1):
 * {@code {1: 2 (kty EC2), -1: 2 (crv P-384), -2: x, -3: y}}, x and y as 48-byte bstr, in exactly this
 * order. This is the byte string TF-RMM puts in realm claim 44237 and whose SHA-256 is the platform
 * token's challenge; the TF-RMM sample key reproduces the challenge {@code 0d22e08a...} of its sample
 * platform token with this encoding.
 */
public final class CoseKey {
    private static final int KTY = 1;
    private static final int KTY_EC2 = 2;
    private static final int CRV = -1;
    private static final int CRV_P384 = 2;
    private static final int X = -2;
    private static final int Y = -3;

    private CoseKey() {
    }

    /** The COSE_Key encoding of {@code key}. */
    public static byte[] encode(ECPublicKey key) {
        P384.checkCurve(key);
        byte[] x = P384.fixedBytes(key.getW().getAffineX());
        byte[] y = P384.fixedBytes(key.getW().getAffineY());
        return Cbor.encode(g -> {
            g.writeStartObject(null, 4);
            g.writeFieldId(KTY);
            g.writeNumber(KTY_EC2);
            g.writeFieldId(CRV);
            g.writeNumber(CRV_P384);
            g.writeFieldId(X);
            g.writeBinary(x);
            g.writeFieldId(Y);
            g.writeBinary(y);
            g.writeEndObject();
        });
    }

    /**
     * The P-384 public key in a COSE_Key.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static ECPublicKey decode(byte[] coseKey) {
        JsonNode map;
        try {
            map = Cbor.decode(coseKey).value();
        } catch (IOException e) {
            throw new IllegalArgumentException("COSE_Key is not well-formed CBOR: " + e.getMessage(), e);
        }
        if (!map.isObject()) {
            throw new IllegalArgumentException("COSE_Key is not a CBOR map");
        }
        requireInt(map, KTY, KTY_EC2, "kty (1) must be 2 (EC2)");
        requireInt(map, CRV, CRV_P384, "crv (-1) must be 2 (P-384)");
        return P384.publicKey(coordinate(map, X, "x (-2)"), coordinate(map, Y, "y (-3)"));
    }

    private static void requireInt(JsonNode map, int key, int expected, String what) {
        JsonNode v = map.get(Integer.toString(key));
        if (v == null || !v.isIntegralNumber() || v.asLong() != expected) {
            throw new IllegalArgumentException("COSE_Key: " + what);
        }
    }

    private static BigInteger coordinate(JsonNode map, int key, String what) {
        JsonNode v = map.get(Integer.toString(key));
        byte[] bytes = v != null && v.isBinary() ? Cbor.bytes(v) : null;
        if (bytes == null || bytes.length != P384.COORDINATE_SIZE) {
            throw new IllegalArgumentException("COSE_Key: " + what + " must be a 48-byte bstr");
        }
        return new BigInteger(1, bytes);
    }

}
