package org.micasim.simulator.firmware;

/** X0..X3 as the EL3 monitor returns them to R-EL2 after an RMM-to-EL3 SMC (TF-A rmm-el3-comms-spec). */
public record MonitorResult(long x0, long x1, long x2, long x3) {
    /** The result whose X0..X3 are {@code x[0..3]}. */
    public static MonitorResult of(long[] x) {
        return new MonitorResult(x[0], x[1], x[2], x[3]);
    }
}
