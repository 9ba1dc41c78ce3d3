package org.micasim.benchmarks.cycles;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH auxiliary counters for the simulated machine: {@code simCycles} is the simulated cycles the
 * benchmark's operations took in the iteration and {@code simOps} the operations counted, so simulated
 * cycles per operation = simCycles / simOps (JMH sums both over iterations; the summary of
 * {@link org.micasim.benchmarks.QuickRun} divides them). The simulation is deterministic, so every
 * operation of a benchmark costs the same cycles unless its state differs.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SimulatedCycles {
    public long simCycles;
    public long simOps;

    @Setup(Level.Iteration)
    public void reset() {
        simCycles = 0;
        simOps = 0;
    }

    /** Counts one operation that started at simulated cycle {@code before} and ended at {@code after}. */
    public void add(long before, long after) {
        simCycles += after - before;
        simOps++;
    }

    /** Counts {@code ops} operations that took {@code cycles} in all. */
    public void addAll(long cycles, long ops) {
        simCycles += cycles;
        simOps += ops;
    }
}
