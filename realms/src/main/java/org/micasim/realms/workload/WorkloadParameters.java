package org.micasim.realms.workload;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters a realm program finds in its image's descriptor: {@code key=value} lines in key order,
 * UTF-8. They are part of the measured image, so which channels a realm uses and how much work it does
 * show in its RIM.
 */
public final class WorkloadParameters {
    private final TreeMap<String, String> values;

    public WorkloadParameters(Map<String, String> values) {
        this.values = new TreeMap<>(values);
        for (Map.Entry<String, String> e : this.values.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9._-]+") || e.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("bad workload parameter " + e.getKey() + "=" + e.getValue());
            }
        }
    }

    /** The descriptor bytes. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses descriptor bytes. */
    public static WorkloadParameters decode(byte[] bytes) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("workload parameter line without '=': " + line);
            }
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new WorkloadParameters(m);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The string value of {@code key}; throws if absent. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("workload parameter " + key + " is missing");
        }
        return v;
    }

    /** The integer value of {@code key} (decimal or 0x hex); throws if absent. */
    public long getLong(String key) {
        String v = get(key);
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
