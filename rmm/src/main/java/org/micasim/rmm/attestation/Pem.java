package org.micasim.rmm.attestation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM "PUBLIC KEY" (RFC 7468 section 13: base64 of the X.509 SubjectPublicKeyInfo) for exporting the
 * platform public key to relying parties and reading it back.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private Pem() {
    }

    /** {@code key} as PEM text, 64 base64 characters per line, ending in a newline. */
    public static String encodePublicKey(PublicKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    /**
     * The P-384 public key in PEM text.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static ECPublicKey decodePublicKey(String pem) {
        String text = pem.strip();
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key: expected " + BEGIN + " ... " + END);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM public key: bad base64: " + e.getMessage(), e);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PEM public key: not an EC SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        ECPublicKey ec = (ECPublicKey) key;
        P384.checkCurve(ec);
        return ec;
    }
}
