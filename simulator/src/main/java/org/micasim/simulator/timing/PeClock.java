package org.micasim.simulator.timing;

/**
 * One PE's cost model and counters: turns each event into cycles from the timing profile and adds them
 * to the PE's cycle count, and counts events, amounts and cycles per kind. Only the thread currently
 * driving the PE reports to it, so the counters are plain fields; it never allocates.
 */
public final class PeClock implements EventSink {
    private static final int KINDS = EventKind.values().length;

    /** Per kind, four adjacent slots: per-event cost, per-unit cost, count, amount, then cycles at [4K+...]. */
    private final long[] table = new long[KINDS * 4];
    private final long[] cyclesByKind = new long[KINDS];
    private long fixedCycles;

    public PeClock(TimingProfile profile) {
        for (int k = 0; k < KINDS; k++) {
            table[4 * k] = profile.baseTable()[k];
            table[4 * k + 1] = profile.unitTable()[k];
        }
    }

    @Override
    public void event(EventKind kind, long amount) {
        int i = kind.ordinal() << 2;
        long[] t = table;
        long c = t[i] + t[i + 1] * amount;
        fixedCycles += c;
        t[i + 2]++;
        t[i + 3] += amount;
        cyclesByKind[i >> 2] += c;
    }

    /** Cycles elapsed on this PE. */
    public long cycles() {
        return fixedCycles >> TimingProfile.FRACTION_BITS;
    }

    /** Events of {@code kind} reported so far. */
    public long count(EventKind kind) {
        return table[4 * kind.ordinal() + 2];
    }

    /** Sum of the amounts of {@code kind}'s events. */
    public long amount(EventKind kind) {
        return table[4 * kind.ordinal() + 3];
    }

    /** Cycles charged to {@code kind}. */
    public long cycles(EventKind kind) {
        return cyclesByKind[kind.ordinal()] >> TimingProfile.FRACTION_BITS;
    }
}
