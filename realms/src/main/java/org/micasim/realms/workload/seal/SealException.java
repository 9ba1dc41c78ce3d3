package org.micasim.realms.workload.seal;

/** A frame read from host-shared memory failed its check: wrong MAC, wrong sequence or malformed. */
public final class SealException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealException(String message) {
        super(message, null, false, false);
    }
}
