package org.micasim.realms.trace;

/**
 * One timeline in the exported trace: a process (a PE) and a thread within it (a world, a call kind, or a
 * realm). In the Chrome trace-event format these are the {@code pid} and {@code tid} of each event.
 */
public record Track(int pid, int tid, String processName, String threadName) {
}
