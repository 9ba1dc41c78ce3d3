package org.micasim.simulator.trace;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans trace records out to listeners. Emitters test {@link #enabled()} before building a record, so
 * tracing costs one field read when nobody listens.
 */
public final class Tracer {
    private final CopyOnWriteArrayList<TraceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean enabled;

    /** Whether any listener is registered. */
    public boolean enabled() {
        return enabled;
    }

    public void addListener(TraceListener listener) {
        listeners.add(listener);
        enabled = true;
    }

    public void removeListener(TraceListener listener) {
        listeners.remove(listener);
        enabled = !listeners.isEmpty();
    }

    /** Delivers a record to every listener. */
    public void emit(TraceEvent event) {
        for (TraceListener l : listeners) {
            l.onEvent(event);
        }
    }
}
