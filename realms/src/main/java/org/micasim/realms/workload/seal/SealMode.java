package org.micasim.realms.workload.seal;

/**
 * How the baseline protects data that crosses host-shared memory: AES-256 (CTR or CBC with PKCS#5
 * padding) then HMAC-SHA-256 over the whole frame (encrypt-then-MAC), the two configurations of the
 * Mica authors' benchmark harness (reference mica.md §6.3).
 *
 * <p>The instruction counts charge the simulated cost of the work JCA does on the host JVM. They are a
 * model, not a measurement: AES-256 with the Armv8 Cryptography Extension takes 14 AESE+AESMC pairs per
 * 16-byte block plus loads, stores and the counter or chaining EOR (about 36 instructions); CBC
 * encryption cannot interleave blocks, so it is charged twice that; SHA-256 with the SHA2 instructions
 * takes about 80 instructions per 64-byte block. See docs/scenarios.md.
 */
public enum SealMode {
    /** AES-256-CTR, HMAC-SHA-256. */
    AES_CTR_HMAC("aes-ctr-hmac", "AES/CTR/NoPadding", 36, 36),
    /** AES-256-CBC with PKCS#5 padding, HMAC-SHA-256. */
    AES_CBC_HMAC("aes-cbc-hmac", "AES/CBC/PKCS5Padding", 72, 36);

    /** Instructions per 64-byte SHA-256 block. */
    public static final long SHA256_INSTRUCTIONS_PER_BLOCK = 80;

    private final String label;
    private final String transformation;
    private final long encryptInstructionsPerBlock;
    private final long decryptInstructionsPerBlock;

    SealMode(String label, String transformation, long encryptPerBlock, long decryptPerBlock) {
        this.label = label;
        this.transformation = transformation;
        this.encryptInstructionsPerBlock = encryptPerBlock;
        this.decryptInstructionsPerBlock = decryptPerBlock;
    }

    /** The name scenario files use. */
    public String label() {
        return label;
    }

    /** The JCA transformation. */
    String transformation() {
        return transformation;
    }

    /** The mode called {@code label}, or null. */
    public static SealMode fromLabel(String label) {
        for (SealMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        return null;
    }

    /** Modelled instructions to seal {@code plaintextBytes}: encryption plus the MAC over the frame. */
    public long sealInstructions(long plaintextBytes, long frameBytes) {
        return blocks(plaintextBytes + 16, 16) * encryptInstructionsPerBlock + hmacInstructions(frameBytes);
    }

    /** Modelled instructions to open a frame: the MAC check plus decryption. */
    public long openInstructions(long ciphertextBytes, long frameBytes) {
        return blocks(ciphertextBytes, 16) * decryptInstructionsPerBlock + hmacInstructions(frameBytes);
    }

    private static long hmacInstructions(long bytes) {
        // inner hash over ipad block + message, outer hash over opad block + 32-byte inner digest
        return (blocks(64 + bytes + 9, 64) + 2) * SHA256_INSTRUCTIONS_PER_BLOCK;
    }

    private static long blocks(long bytes, int block) {
        return (bytes + block - 1) / block;
    }
}
