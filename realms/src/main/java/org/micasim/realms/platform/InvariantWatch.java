package org.micasim.realms.platform;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The invariant checks of one command ({@code --check-invariants}, {@code mica fuzz --replay}) across
 * every machine it boots: {@link DefaultPlatform#checkInvariants} puts each machine's RMM behind an
 * {@link InvariantCheckedFirmware} that counts here. Only a violation stops a run; the count is for the
 * closing summary.
 */
public final class InvariantWatch {
    private final AtomicLong checks = new AtomicLong();

    /** How many checks ran after an RMI call so far, on every machine of this watch. */
    public long checks() {
        return checks.get();
    }

    /** One line for the end of a run in which every check passed. */
    public String summary() {
        return "invariants: checked after " + checks() + " calls, 0 violations";
    }

    void checked() {
        checks.incrementAndGet();
    }
}
