package org.micasim.simulator.timing;

/**
 * One PE's cost model and counters: turns each event into cycles from the timing profile and adds them
 * to the PE's cycle count, and counts events, amounts and cycles per kind. Only the thread currently
 * driving the PE reports to it, so the counters are plain fields; it never allocates.
 */
public final class PeClock implements EventSink {
    private static final int KINDS = EventKind.values().length;

    private final long[] base;
    private final long[] unit;
    private final long[] counts = new long[KINDS];
    private final long[] amounts = new long[KINDS];
    private final long[] cyclesByKind = new long[KINDS];
    private long fixedCycles;

    public PeClock(TimingProfile profile) {
        this.base = profile.baseTable();
        this.unit = profile.unitTable();
    }

    @Override
    public void event(EventKind kind, long amount) {
        int k = kind.ordinal();
        long c = base[k] + unit[k] * amount;
        fixedCycles += c;
        counts[k]++;
        amounts[k] += amount;
        cyclesByKind[k] += c;
    }

    /** Cycles elapsed on this PE. */
    public long cycles() {
        return fixedCycles >> TimingProfile.FRACTION_BITS;
    }

    /** Events of {@code kind} reported so far. */
    public long count(EventKind kind) {
        return counts[kind.ordinal()];
    }

    /** Sum of the amounts of {@code kind}'s events. */
    public long amount(EventKind kind) {
        return amounts[kind.ordinal()];
    }

    /** Cycles charged to {@code kind}. */
    public long cycles(EventKind kind) {
        return cyclesByKind[kind.ordinal()] >> TimingProfile.FRACTION_BITS;
    }
}
