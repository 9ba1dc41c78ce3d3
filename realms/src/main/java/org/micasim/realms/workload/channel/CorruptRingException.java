package org.micasim.realms.workload.channel;

/**
 * The other side of a ring broke the format: a header word or record length that no honest peer
 * writes. A realm must not trust its peer, so the ring checks every word it reads and stops here.
 */
public final class CorruptRingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRingException(String message) {
        super(message, null, false, false);
    }
}
