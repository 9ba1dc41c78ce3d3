package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RmiHashAlgorithm / RsiHashAlgorithm: the realm's measurement hash, with its JCA and IANA names.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.5 RmiHashAlgorithm, §B5.4.3 RsiHashAlgorithm
 */
public enum RmiHashAlgorithm {
    /** SHA-256, 32-byte digests. */
    RMI_HASH_SHA_256(0, "SHA-256", "sha-256", 32),
    /** SHA-512, 64-byte digests. */
    RMI_HASH_SHA_512(1, "SHA-512", "sha-512", 64);

    private final int code;
    private final String jcaName;
    private final String ianaName;
    private final int digestSize;

    RmiHashAlgorithm(int code, String jcaName, String ianaName, int digestSize) {
        this.code = code;
        this.jcaName = jcaName;
        this.ianaName = ianaName;
        this.digestSize = digestSize;
    }

    public int code() {
        return code;
    }

    /** The MessageDigest algorithm name. */
    public String jcaName() {
        return jcaName;
    }

    /** The IANA hash name used in the realm token's hash-algo-id claim. */
    public String ianaName() {
        return ianaName;
    }

    /** Digest size in bytes. */
    public int digestSize() {
        return digestSize;
    }

    /** The algorithm with this code. */
    public static Optional<RmiHashAlgorithm> fromCode(long code) {
        return code == 0 ? Optional.of(RMI_HASH_SHA_256)
            : code == 1 ? Optional.of(RMI_HASH_SHA_512) : Optional.empty();
    }
}
