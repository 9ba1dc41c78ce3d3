package org.micasim.realms.host;

/**
 * An RMI command the host driver needed failed unexpectedly (the driver only issues commands it expects
 * to succeed, so this means a bug in the driver or in the RMM, or memory exhaustion).
 */
public final class HostRmiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostRmiException(String message) {
        super(message);
    }
}
