package org.micasim.realms.workload.channel;

/**
 * What a side does when the ring is full (producer) or empty (consumer): in a realm, give the PE back to
 * the host so that the peer can run; in a unit test, run the peer directly.
 */
@FunctionalInterface
public interface RingWaiter {
    /** Waits for the peer to make progress; {@code reason} says which ring and why, for diagnostics. */
    void await(String reason);
}
