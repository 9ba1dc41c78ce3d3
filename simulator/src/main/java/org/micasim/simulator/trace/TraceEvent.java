package org.micasim.simulator.trace;

/**
 * One trace record: the cycle count of the PE when it happened, the PE, what happened and a readable
 * detail string ({@code fid=0xc4000150 ...}).
 */
public record TraceEvent(long cycle, int pe, TraceKind kind, String detail) {
    /** The text form: {@code [cycle] peN KIND detail}. */
    public String toText() {
        return String.format("[%10d] pe%d %-12s %s", cycle, pe, kind, detail);
    }
}
