package org.micasim.rmm.attestation;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;

/**
 * A P-384 key pair that signs with ES384 (ECDSA over SHA-384, COSE algorithm -35), the signature as the
 * raw 96-byte {@code r || s} that COSE requires (RFC 9053 section 2.1), not DER.
 *
 * <p>Signatures are deterministic so that simulations replay bit for bit: the ECDSA nonce comes from a
 * SHA1PRNG seeded with SHA-384(private scalar || message). This is a simulator's choice only. Real ECDSA
 * nonces must be fresh random numbers (or RFC 6979 derived); a predictable nonce reveals the private key.
 */
public final class P384Key {
    private static final String ES384_JCA = "SHA384withECDSAinP1363Format";
    /** Size of an ES384 signature (r || s). */
    public static final int SIGNATURE_SIZE = 2 * P384.COORDINATE_SIZE;

    private final byte[] scalar;
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private P384Key(byte[] scalar) {
        this.scalar = scalar.clone();
        this.privateKey = privateKeyOf(new BigInteger(1, scalar));
        this.publicKey = derivePublicKey(privateKey);
    }

    /**
     * The key pair with private scalar {@code bigEndian48} (48 bytes, big-endian, 1 <= d < n), the form in
     * which EL3 hands the RAK to the RMM (RMM_ATTEST_GET_REALM_KEY).
     */
    public static P384Key fromPrivateScalar(byte[] bigEndian48) {
        if (bigEndian48.length != P384.COORDINATE_SIZE) {
            throw new IllegalArgumentException("a P-384 private scalar is 48 bytes, got " + bigEndian48.length);
        }
        BigInteger d = new BigInteger(1, bigEndian48);
        if (d.signum() == 0 || d.compareTo(P384.order()) >= 0) {
            throw new IllegalArgumentException("a P-384 private scalar must be in [1, n-1]");
        }
        return new P384Key(bigEndian48);
    }

    /**
     * A key pair derived from {@code seed} and a purpose {@code label}: d = (SHA-384(label || 0x00 || seed as
     * 8 big-endian bytes) mod (n - 1)) + 1. Same seed and label, same key.
     */
    static P384Key derive(String label, long seed) {
        return new P384Key(deriveScalar(label, seed));
    }

    /** The private scalar of {@link #derive}, 48 bytes big-endian, without the public key's EC arithmetic. */
    static byte[] deriveScalar(String label, long seed) {
        byte[] digest = HashAlgorithmId.SHA_384.digest(label.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        BigInteger d = new BigInteger(1, digest).mod(P384.order().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return P384.fixedBytes(d);
    }

    /** The public key. */
    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The private scalar, 48 bytes big-endian (a copy). */
    public byte[] privateScalar() {
        return scalar.clone();
    }

    /** The ES384 signature (96 bytes, r || s) of {@code message}; deterministic, see the class comment. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ES384_JCA);
            s.initSign(privateKey, nonceSource(message));
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES384 signing with a valid P-384 key cannot fail", e);
        }
    }

    /** Whether {@code signature} (r || s) is a valid ES384 signature of {@code message} under {@code key}. */
    public static boolean verify(ECPublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ES384_JCA);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (InvalidKeyException | java.security.SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's SunEC provider must offer " + ES384_JCA, e);
        }
    }

    private SecureRandom nonceSource(byte[] message) throws NoSuchAlgorithmException {
        SecureRandom prng = SecureRandom.getInstance("SHA1PRNG");
        // Seeding before the first output makes SHA1PRNG a deterministic generator.
        prng.setSeed(HashAlgorithmId.SHA_384.digest(scalar, message));
        return prng;
    }

    private static ECPrivateKey privateKeyOf(BigInteger d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P384.PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider must offer EC keys", e);
        }
    }

    /**
     * Computes d*G. The JCA offers no scalar multiplication, but ECDH of d with the generator G yields the
     * x coordinate of d*G; y follows from the curve equation y^2 = x^3 + ax + b (p = 3 mod 4, so a square
     * root is a power), and of the two roots the one whose key verifies a signature made with d is taken.
     */
    private static ECPublicKey derivePublicKey(ECPrivateKey priv) {
        try {
            ECPublicKey generator = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(P384.PARAMS.getGenerator(), P384.PARAMS));
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(priv);
            ecdh.doPhase(generator, true);
            BigInteger x = new BigInteger(1, ecdh.generateSecret());
            BigInteger p = P384.prime();
            BigInteger rhs = x.pow(3).add(P384.PARAMS.getCurve().getA().multiply(x))
                    .add(P384.PARAMS.getCurve().getB()).mod(p);
            BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            if (!y.multiply(y).mod(p).equals(rhs)) {
                throw new IllegalStateException("ECDH returned an x that is not on P-384");
            }
            byte[] probe = "mica-sim public key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(ES384_JCA);
            SecureRandom prng = SecureRandom.getInstance("SHA1PRNG");
            prng.setSeed(probe);
            s.initSign(priv, prng);
            s.update(probe);
            byte[] sig = s.sign();
            ECPublicKey candidate = P384.publicKey(x, y);
            return verify(candidate, probe, sig) ? candidate : P384.publicKey(x, p.subtract(y));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider must offer ECDH and ECDSA on P-384", e);
        }
    }

    @Override
    public String toString() {
        // Never the private scalar.
        return "P384Key[public=" + HexFormat.of().formatHex(P384.sec1Point(publicKey)) + "]";
    }
}
