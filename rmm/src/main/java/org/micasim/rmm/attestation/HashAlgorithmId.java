package org.micasim.rmm.attestation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A hash algorithm as CCA token claims name it: the IANA "Named Information Hash Algorithm" text
 * ("sha-256", ...) used by the realm claims 44236/44240 and the platform claims 2402 and sw component key 6
 * (RMM 1.0 A7.2.3.1, draft-ffm-rats-cca-token).
 */
public enum HashAlgorithmId {
    /** SHA-256, 32-byte digest; RMI hash_algo 0. */
    SHA_256("sha-256", "SHA-256", 32),
    /** SHA-384, 48-byte digest; allowed for platform claims only. */
    SHA_384("sha-384", "SHA-384", 48),
    /** SHA-512, 64-byte digest; RMI hash_algo 1. */
    SHA_512("sha-512", "SHA-512", 64);

    private final String claimName;
    private final String jcaName;
    private final int digestSize;

    HashAlgorithmId(String claimName, String jcaName, int digestSize) {
        this.claimName = claimName;
        this.jcaName = jcaName;
        this.digestSize = digestSize;
    }

    /** The text that appears in a token claim, e.g. {@code "sha-256"}. */
    public String claimName() {
        return claimName;
    }

    /** Digest size in bytes. */
    public int digestSize() {
        return digestSize;
    }

    /** The algorithm named {@code claimName} in a token, if it is one we know. */
    public static Optional<HashAlgorithmId> fromClaimName(String claimName) {
        return Arrays.stream(values()).filter(a -> a.claimName.equals(claimName)).findFirst();
    }

    /** The digest of the concatenation of {@code parts}. */
    public byte[] digest(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** A fresh JCA digest object for this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime provides " + jcaName, e);
        }
    }
}
