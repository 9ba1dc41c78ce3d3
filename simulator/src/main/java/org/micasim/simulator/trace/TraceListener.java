package org.micasim.simulator.trace;

/** Receives trace records as they happen, on the thread that drives the PE. */
@FunctionalInterface
public interface TraceListener {
    void onEvent(TraceEvent event);
}
