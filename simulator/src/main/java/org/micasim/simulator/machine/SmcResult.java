package org.micasim.simulator.machine;

/** X0..X4 after an SMC returns to the caller. */
public record SmcResult(long x0, long x1, long x2, long x3, long x4) {
}
