package org.micasim.rmm.attestation;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * The NIST P-384 curve (secp384r1), the curve of the Realm Attestation Key (RMM 1.0 A7.2.2) and of our
 * simulated platform key: its JCA parameters and the conversions between JCA public keys and the
 * uncompressed SEC1 point {@code 0x04 || x || y} (97 bytes).
 */
public final class P384 {
    /** Size of a field element or scalar in bytes. */
    public static final int COORDINATE_SIZE = 48;
    /** Size of an uncompressed SEC1 point. */
    public static final int SEC1_POINT_SIZE = 1 + 2 * COORDINATE_SIZE;

    static final ECParameterSpec PARAMS = loadParams();

    private P384() {
    }

    private static ECParameterSpec loadParams() {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec("secp384r1"));
            return ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider must offer secp384r1", e);
        }
    }

    /** The group order n. */
    static BigInteger order() {
        return PARAMS.getOrder();
    }

    /** The field prime p. */
    static BigInteger prime() {
        return ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    }

    /** The public key with affine coordinates (x, y); the JCA checks that the point is on the curve. */
    public static ECPublicKey publicKey(BigInteger x, BigInteger y) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a P-384 public key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider must offer EC keys", e);
        }
    }

    /** The uncompressed SEC1 encoding {@code 0x04 || x || y} of {@code key}. */
    public static byte[] sec1Point(ECPublicKey key) {
        checkCurve(key);
        byte[] out = new byte[SEC1_POINT_SIZE];
        out[0] = 0x04;
        System.arraycopy(fixedBytes(key.getW().getAffineX()), 0, out, 1, COORDINATE_SIZE);
        System.arraycopy(fixedBytes(key.getW().getAffineY()), 0, out, 1 + COORDINATE_SIZE, COORDINATE_SIZE);
        return out;
    }

    /** The public key whose uncompressed SEC1 encoding is {@code point} (97 bytes, first byte 0x04). */
    public static ECPublicKey fromSec1Point(byte[] point) {
        if (point.length != SEC1_POINT_SIZE || point[0] != 0x04) {
            throw new IllegalArgumentException("an uncompressed P-384 point is 97 bytes starting with 0x04, got "
                    + point.length + " bytes");
        }
        return publicKey(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE_SIZE)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE_SIZE, SEC1_POINT_SIZE)));
    }

    /** {@code value} as exactly 48 big-endian bytes. */
    static byte[] fixedBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == COORDINATE_SIZE) {
            return raw;
        }
        byte[] out = new byte[COORDINATE_SIZE];
        if (raw.length > COORDINATE_SIZE) {
            // toByteArray adds a sign byte when the top bit is set; anything longer is not a P-384 element.
            if (raw.length != COORDINATE_SIZE + 1 || raw[0] != 0) {
                throw new IllegalArgumentException("value does not fit in 48 bytes");
            }
            System.arraycopy(raw, 1, out, 0, COORDINATE_SIZE);
        } else {
            System.arraycopy(raw, 0, out, COORDINATE_SIZE - raw.length, raw.length);
        }
        return out;
    }

    static void checkCurve(ECPublicKey key) {
        if (!PARAMS.getOrder().equals(key.getParams().getOrder())
                || !PARAMS.getCurve().equals(key.getParams().getCurve())) {
            throw new IllegalArgumentException("key is not on P-384");
        }
    }
}
