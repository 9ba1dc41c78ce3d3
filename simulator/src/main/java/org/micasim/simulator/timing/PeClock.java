package org.micasim.simulator.timing;

/**
 * One PE's cost model and counters: counts events and sums their amounts per kind; the cycles follow from
 * the timing profile, since the cost of a kind is linear ({@code cycles * count + perUnit * amount}).
 * Only the thread currently driving the PE reports to it, so the counters are plain fields; an event is
 * a few additions and never allocates.
 */
public final class PeClock implements EventSink {
    private static final int KINDS = EventKind.values().length;
    /** Per kind, four longs: count, amount, base cost and per-unit cost (one array: one bounds check). */
    private static final int STRIDE = 4;

    private final long[] table = new long[KINDS * STRIDE];
    /**
     * The sum over kinds of {@code base * count + unit * amount}, in fixed point, kept up to date by every
     * event so that {@link #cycles()} is one shift (it is read around every benchmarked operation and by
     * the trace). Integer sums are exact, so this equals recomputing from the counters.
     */
    private long fixedTotal;

    public PeClock(TimingProfile profile) {
        long[] base = profile.baseTable();
        long[] unit = profile.unitTable();
        for (int k = 0; k < KINDS; k++) {
            table[k * STRIDE + 2] = base[k];
            table[k * STRIDE + 3] = unit[k];
        }
    }

    @Override
    public void event(EventKind kind, long amount) {
        int i = kind.ordinal() * STRIDE;
        long[] t = table;
        t[i]++;
        t[i + 1] += amount;
        fixedTotal += t[i + 2] + t[i + 3] * amount;
    }

    @Override
    public void events(EventKind kind, long times, long amount) {
        int i = kind.ordinal() * STRIDE;
        long[] t = table;
        t[i] += times;
        t[i + 1] += times * amount;
        fixedTotal += t[i + 2] * times + t[i + 3] * times * amount;
    }

    /** Cycles elapsed on this PE. */
    public long cycles() {
        return fixedTotal >> TimingProfile.FRACTION_BITS;
    }

    /** Events of {@code kind} reported so far. */
    public long count(EventKind kind) {
        return table[kind.ordinal() * STRIDE];
    }

    /** Sum of the amounts of {@code kind}'s events. */
    public long amount(EventKind kind) {
        return table[kind.ordinal() * STRIDE + 1];
    }

    /** Cycles charged to {@code kind}. */
    public long cycles(EventKind kind) {
        int i = kind.ordinal() * STRIDE;
        return (table[i + 2] * table[i] + table[i + 3] * table[i + 1]) >> TimingProfile.FRACTION_BITS;
    }
}
