package org.micasim.simulator.memory;

/**
 * A physical memory access by firmware that did not complete: a granule protection check failed or the
 * address is not backed by memory. The firmware decides what this means (for the RMM, reading an
 * RmiRealmParams from a granule that is not Non-secure fails the command).
 */
public final class PhysicalAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long pa;
    private final Pas pas;

    public PhysicalAccessException(long pa, Pas pas, String reason) {
        super(String.format("access to PA 0x%x in the %s PAS failed: %s", pa, pas, reason), null, false, false);
        this.pa = pa;
        this.pas = pas;
    }

    public long pa() {
        return pa;
    }

    public Pas pas() {
        return pas;
    }
}
