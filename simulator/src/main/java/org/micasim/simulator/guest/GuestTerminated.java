package org.micasim.simulator.guest;

/**
 * Unwinds a guest program's thread when its vCPU is closed. An Error, so that a program's
 * {@code catch (Exception e)} does not swallow it.
 */
final class GuestTerminated extends Error {
    private static final long serialVersionUID = 1L;

    GuestTerminated() {
        super("vCPU closed", null, false, false);
    }
}
