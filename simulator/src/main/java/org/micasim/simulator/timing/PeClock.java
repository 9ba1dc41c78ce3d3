package org.micasim.simulator.timing;

/**
 * One PE's cost model and counters: counts events and sums their amounts per kind; the cycles follow from
 * the timing profile, since the cost of a kind is linear ({@code cycles * count + perUnit * amount}).
 * Only the thread currently driving the PE reports to it, so the counters are plain fields; an event is
 * two additions and never allocates.
 */
public final class PeClock implements EventSink {
    private static final int KINDS = EventKind.values().length;

    private final long[] base;
    private final long[] unit;
    /** Per kind: count at [2k], amount at [2k + 1]. */
    private final long[] counters = new long[KINDS * 2];

    public PeClock(TimingProfile profile) {
        this.base = profile.baseTable();
        this.unit = profile.unitTable();
    }

    @Override
    public void event(EventKind kind, long amount) {
        int i = kind.ordinal() << 1;
        long[] c = counters;
        c[i]++;
        c[i + 1] += amount;
    }

    /** Cycles elapsed on this PE. */
    public long cycles() {
        long fixed = 0;
        for (int k = 0; k < KINDS; k++) {
            fixed += base[k] * counters[2 * k] + unit[k] * counters[2 * k + 1];
        }
        return fixed >> TimingProfile.FRACTION_BITS;
    }

    /** Events of {@code kind} reported so far. */
    public long count(EventKind kind) {
        return counters[2 * kind.ordinal()];
    }

    /** Sum of the amounts of {@code kind}'s events. */
    public long amount(EventKind kind) {
        return counters[2 * kind.ordinal() + 1];
    }

    /** Cycles charged to {@code kind}. */
    public long cycles(EventKind kind) {
        int k = kind.ordinal();
        return (base[k] * counters[2 * k] + unit[k] * counters[2 * k + 1]) >> TimingProfile.FRACTION_BITS;
    }
}
