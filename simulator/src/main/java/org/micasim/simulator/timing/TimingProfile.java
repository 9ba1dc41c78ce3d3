package org.micasim.simulator.timing;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The cost of each {@link EventKind} in cycles: {@code cycles} per event plus {@code perUnit} per unit of
 * its amount (bytes, lines, registers...; only for kinds whose amount is a quantity). Read from JSON:
 * <pre>
 * { "name": "...", "frequencyMHz": 900,
 *   "events": { "SMC": { "cycles": 150 }, "COPY_BYTES": { "cycles": 20, "perUnit": 0.25 }, ... } }
 * </pre>
 * Every event kind must be given. Costs are held in 1/1024-cycle fixed point so that fractional per-byte
 * costs add up deterministically.
 */
public final class TimingProfile {
    /** Fixed-point shift of the internal cost tables. */
    public static final int FRACTION_BITS = 10;
    /** The profile shipped with the simulator (docs/timing.md cites its sources). */
    public static final String DEFAULT_RESOURCE = "/org/micasim/simulator/timing/cortex-a57-juno.json";

    private final String name;
    private final double frequencyMHz;
    private final long[] baseFixed;
    private final long[] unitFixed;

    private TimingProfile(String name, double frequencyMHz, long[] baseFixed, long[] unitFixed) {
        this.name = name;
        this.frequencyMHz = frequencyMHz;
        this.baseFixed = baseFixed;
        this.unitFixed = unitFixed;
    }

    /** Whether {@code kind}'s amount is a quantity that a per-unit cost can multiply. */
    public static boolean hasQuantity(EventKind kind) {
        switch (kind) {
            case SMC:
            case ERET:
            case S2_WALK_STEP:
            case GPT_WALK_STEP:
                return false;
            default:
                return true;
        }
    }

    /** The shipped profile. */
    public static TimingProfile defaultProfile() {
        try (InputStream in = TimingProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("timing profile resource " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a profile file; errors name the file and, for syntax errors, line and column. */
    public static TimingProfile load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Parses a profile; {@code source} names it in error messages. */
    public static TimingProfile parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonParseException e) {
            JsonLocation loc = e.getLocation();
            throw new IllegalArgumentException(String.format("%s:%d:%d: invalid JSON: %s", source,
                    loc.getLineNr(), loc.getColumnNr(), e.getOriginalMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot parse timing profile: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a timing profile is a JSON object");
        }
        String name = root.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing \"name\"");
        }
        double mhz = root.path("frequencyMHz").asDouble(0);
        if (!(mhz > 0)) {
            throw new IllegalArgumentException(source + ": \"frequencyMHz\" must be a positive number");
        }
        JsonNode events = root.path("events");
        if (!events.isObject()) {
            throw new IllegalArgumentException(source + ": missing object \"events\"");
        }
        Map<EventKind, JsonNode> given = new EnumMap<>(EventKind.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            EventKind kind;
            try {
                kind = EventKind.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(source + ": events." + e.getKey() + ": unknown event kind");
            }
            given.put(kind, e.getValue());
        }
        long[] base = new long[EventKind.values().length];
        long[] unit = new long[EventKind.values().length];
        for (EventKind kind : EventKind.values()) {
            JsonNode n = given.get(kind);
            if (n == null) {
                throw new IllegalArgumentException(source + ": events." + kind + " is missing (every event kind needs a cost)");
            }
            base[kind.ordinal()] = fixed(n.get("cycles"), source, kind, "cycles");
            if (n.has("perUnit")) {
                if (!hasQuantity(kind)) {
                    throw new IllegalArgumentException(source + ": events." + kind + ".perUnit: this kind's amount is not a quantity");
                }
                unit[kind.ordinal()] = fixed(n.get("perUnit"), source, kind, "perUnit");
            }
        }
        return new TimingProfile(name, mhz, base, unit);
    }

    private static long fixed(JsonNode v, String source, EventKind kind, String field) {
        if (v == null || !v.isNumber() || v.asDouble() < 0) {
            throw new IllegalArgumentException(source + ": events." + kind + "." + field + " must be a non-negative number");
        }
        return Math.round(v.asDouble() * (1 << FRACTION_BITS));
    }

    public String name() {
        return name;
    }

    public double frequencyMHz() {
        return frequencyMHz;
    }

    /** Cost of one event of {@code kind} with {@code amount}, in 1/1024 cycles. */
    public long costFixed(EventKind kind, long amount) {
        int k = kind.ordinal();
        return baseFixed[k] + unitFixed[k] * amount;
    }

    /** Per-event costs indexed by ordinal, fixed point (shared, do not modify). */
    long[] baseTable() {
        return baseFixed;
    }

    /** Per-unit costs indexed by ordinal, fixed point (shared, do not modify). */
    long[] unitTable() {
        return unitFixed;
    }
}
