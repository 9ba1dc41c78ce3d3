package org.micasim.rmm.attestation;

import java.security.interfaces.ECPublicKey;

/**
 * The Realm Attestation Key (RMM 1.0 A7.2.2): a P-384 key the RMM receives from EL3 as a raw private
 * scalar and with which it signs every realm token (ES384). Its public key goes into realm claim 44237 as
 * a COSE_Key, and the platform token's challenge is the SHA-256 of that COSE_Key encoding (TF-RMM
 * {@code attestation_key.c}), which binds the two tokens.
 */
public final class RealmAttestationKey {
    /** The hash algorithm over the COSE_Key that TF-RMM uses for the binding (claim 44240). */
    public static final HashAlgorithmId PUBLIC_KEY_HASH_ALGORITHM = HashAlgorithmId.SHA_256;

    private final P384Key key;
    private final byte[] coseKey;

    private RealmAttestationKey(P384Key key) {
        this.key = key;
        this.coseKey = CoseKey.encode(key.publicKey());
    }

    /** The RAK whose private scalar is {@code bigEndian48}, as RMM_ATTEST_GET_REALM_KEY returns it. */
    public static RealmAttestationKey fromPrivateScalar(byte[] bigEndian48) {
        return new RealmAttestationKey(P384Key.fromPrivateScalar(bigEndian48));
    }

    /** The public key. */
    public ECPublicKey publicKey() {
        return key.publicKey();
    }

    /** The public key as a COSE_Key {@code {1: 2, -1: 2, -2: x, -3: y}}: the value of realm claim 44237. */
    public byte[] coseKey() {
        return coseKey.clone();
    }

    /** The public key as the raw 97-byte uncompressed SEC1 point (the legacy form of claim 44237). */
    public byte[] sec1Point() {
        return P384.sec1Point(key.publicKey());
    }

    /** SHA-256 of {@link #coseKey()}: the challenge the RMM asks EL3 to put in the platform token. */
    public byte[] publicKeyHash() {
        return PUBLIC_KEY_HASH_ALGORITHM.digest(coseKey);
    }

    /** The ES384 signature (96 bytes, r || s) of {@code message}; deterministic, see {@link P384Key}. */
    public byte[] sign(byte[] message) {
        return key.sign(message);
    }

    P384Key key() {
        return key;
    }

    @Override
    public String toString() {
        return "RealmAttestationKey[" + key + "]";
    }
}
