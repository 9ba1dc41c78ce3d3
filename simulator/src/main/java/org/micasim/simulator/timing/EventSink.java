package org.micasim.simulator.timing;

/**
 * Receives functional events. The cost model is one sink, statistics another; a sink that nobody needs
 * costs one virtual call. Implementations must not allocate per event.
 */
@FunctionalInterface
public interface EventSink {
    /** Reports that {@code kind} happened {@code amount} times (see each kind for the unit). */
    void event(EventKind kind, long amount);

    /** Reports {@code times} events of {@code kind}, each of {@code amount}: the same as that many calls. */
    default void events(EventKind kind, long times, long amount) {
        for (long i = 0; i < times; i++) {
            event(kind, amount);
        }
    }
}
