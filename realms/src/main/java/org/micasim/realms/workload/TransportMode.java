package org.micasim.realms.workload;

import org.micasim.realms.workload.seal.SealMode;

/**
 * How realms exchange data: Mica's protected shared memory (plaintext, invisible to the host), or one of
 * the baselines the paper compares against (host-shared memory with encrypt-then-MAC frames).
 */
public enum TransportMode {
    /** Shared protected memory (RMI_DATA_CREATE_UNKNOWN_SHARED), plaintext. */
    MICA("mica", null),
    /** Host-shared memory, AES-256-CTR + HMAC-SHA-256. */
    AES_CTR_HMAC("aes-ctr-hmac", SealMode.AES_CTR_HMAC),
    /** Host-shared memory, AES-256-CBC + HMAC-SHA-256. */
    AES_CBC_HMAC("aes-cbc-hmac", SealMode.AES_CBC_HMAC);

    private final String label;
    private final SealMode seal;

    TransportMode(String label, SealMode seal) {
        this.label = label;
        this.seal = seal;
    }

    /** The name scenario files and the CLI use. */
    public String label() {
        return label;
    }

    /** The sealing of a baseline, or null for Mica. */
    public SealMode seal() {
        return seal;
    }

    /** The mode called {@code label}, or null. */
    public static TransportMode fromLabel(String label) {
        for (TransportMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        return null;
    }

    /** All labels, for messages. */
    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (TransportMode m : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.label);
        }
        return sb.toString();
    }
}
