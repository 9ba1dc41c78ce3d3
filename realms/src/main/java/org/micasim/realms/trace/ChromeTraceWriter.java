package org.micasim.realms.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes slices in the Chrome trace-event JSON format that Perfetto and chrome://tracing open: a
 * {@code traceEvents} array of metadata events naming each process and thread, then one complete
 * ({@code "ph": "X"}) event per slice. Timestamps are microseconds of simulated time: cycles divided by
 * the timing profile's frequency in MHz; each slice also carries its exact cycles in its args.
 */
public final class ChromeTraceWriter {
    private final double frequencyMHz;

    public ChromeTraceWriter(double frequencyMHz) {
        if (!(frequencyMHz > 0)) {
            throw new IllegalArgumentException("frequency must be positive");
        }
        this.frequencyMHz = frequencyMHz;
    }

    /** Writes {@code slices} (in start order, ties by track) to {@code out}. */
    public void write(List<Slice> slices, OutputStream out) throws IOException {
        Set<Track> tracks = new LinkedHashSet<>();
        slices.stream().map(Slice::track).sorted(Comparator.comparingInt(Track::pid).thenComparingInt(Track::tid))
                .forEach(tracks::add);
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeArrayFieldStart("traceEvents");
            Set<Integer> processes = new LinkedHashSet<>();
            for (Track t : tracks) {
                if (processes.add(t.pid())) {
                    metadata(g, "process_name", t.pid(), 0, t.processName());
                }
                metadata(g, "thread_name", t.pid(), t.tid(), t.threadName());
                metadata(g, "thread_sort_index", t.pid(), t.tid(), null);
            }
            List<Slice> ordered = slices.stream().sorted(Comparator.comparingLong(Slice::startCycle)
                    .thenComparingInt(s -> s.track().pid()).thenComparingInt(s -> s.track().tid())).toList();
            for (Slice s : ordered) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("ph", "X");
                g.writeNumberField("ts", s.startCycle() / frequencyMHz);
                g.writeNumberField("dur", (s.endCycle() - s.startCycle()) / frequencyMHz);
                g.writeNumberField("pid", s.track().pid());
                g.writeNumberField("tid", s.track().tid());
                g.writeObjectFieldStart("args");
                g.writeNumberField("startCycle", s.startCycle());
                g.writeNumberField("cycles", s.endCycle() - s.startCycle());
                for (Map.Entry<String, String> a : new TreeMap<>(s.args()).entrySet()) {
                    g.writeStringField(a.getKey(), a.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void metadata(JsonGenerator g, String what, int pid, int tid, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", what);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (name != null) {
            g.writeStringField("name", name);
        } else {
            g.writeNumberField("sort_index", tid);
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
