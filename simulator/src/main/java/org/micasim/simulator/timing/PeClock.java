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
    /**
     * The sum over kinds of {@code base * count + unit * amount}, in fixed point, kept up to date by every
     * event so that {@link #cycles()} is one shift (it is read around every benchmarked operation and by
     * the trace). Integer sums are exact, so this equals recomputing from the counters.
     */
    private long fixedTotal;

    public PeClock(TimingProfile profile) {
        this.base = profile.baseTable();
        this.unit = profile.unitTable();
    }

    @Override
    public void event(EventKind kind, long amount) {
        int k = kind.ordinal();
        int i = k << 1;
        long[] c = counters;
        c[i]++;
        c[i + 1] += amount;
        fixedTotal += base[k] + unit[k] * amount;
    }

    @Override
    public void events(EventKind kind, long times, long amount) {
        int k = kind.ordinal();
        int i = k << 1;
        long[] c = counters;
        c[i] += times;
        c[i + 1] += times * amount;
        fixedTotal += base[k] * times + unit[k] * times * amount;
    }

    /** Cycles elapsed on this PE. */
    public long cycles() {
        return fixedTotal >> TimingProfile.FRACTION_BITS;
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
