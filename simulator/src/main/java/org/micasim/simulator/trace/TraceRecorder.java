package org.micasim.simulator.trace;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every record, for tests and the CLI's trace dump. */
public final class TraceRecorder implements TraceListener {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(TraceEvent event) {
        events.add(event);
    }

    /** The records so far, in order. */
    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /** All records in text form, one per line. */
    public synchronized String toText() {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : events) {
            sb.append(e.toText()).append('\n');
        }
        return sb.toString();
    }
}
