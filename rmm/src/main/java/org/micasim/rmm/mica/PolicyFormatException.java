package org.micasim.rmm.mica;

/** A POLY v1 payload the RMM refuses, with the parser code and the byte offset where it failed. */
public final class PolicyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PolicyError error;
    private final int offset;

    PolicyFormatException(PolicyError error, int offset, String detail) {
        super("policy byte " + offset + ": " + error.meaning() + " (" + error.code() + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
        this.error = error;
        this.offset = offset;
    }

    /** The parser error. */
    public PolicyError error() {
        return error;
    }

    /** Offset into the payload of the record that failed. */
    public int offset() {
        return offset;
    }
}
