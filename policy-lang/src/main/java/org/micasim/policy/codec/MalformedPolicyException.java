package org.micasim.policy.codec;

/** A byte sequence that is not a well-formed POLY v1 payload; says what is wrong and where. */
public final class MalformedPolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    public MalformedPolicyException(int offset, String reason) {
        super("byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    /** Offset of the offending field from the start of the payload. */
    public int offset() {
        return offset;
    }

    /** The message without the offset. */
    public String reason() {
        return reason;
    }
}
