package org.micasim.realms.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.micasim.realms.trace.Slice;

/**
 * What one run of a scenario saw, as an ordered tree of values (the same tree is printed as text and as
 * JSON), whether it succeeded, and the trace slices if they were recorded.
 */
public record RunReport(Map<String, Object> values, boolean ok, List<Slice> slices, double frequencyMHz) {
    /** The report as pretty-printed JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serialisable: " + e.getMessage(), e);
        }
    }

    /** The report as aligned text for people. */
    @SuppressWarnings("unchecked")
    public String toText() {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> v = values;
        sb.append(String.format("scenario %s, mode %s, seed %s, profile %s, host %s%n", v.get("scenario"), v.get("mode"),
                v.get("seed"), v.get("profile"), v.get("host")));
        Map<String, Object> worlds = (Map<String, Object>) v.get("worldCycles");
        sb.append(String.format("  cycles %,d (Non-secure world %,d, Realm world %,d), world switches %,d%n", v.get("cycles"),
                worlds.get("nonSecure"), worlds.get("realm"), v.get("worldSwitches")));
        Map<String, Object> phases = (Map<String, Object>) v.get("phaseCycles");
        StringBuilder ph = new StringBuilder();
        phases.forEach((k, x) -> ph.append(ph.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%,d", x)));
        sb.append("  phases: ").append(ph).append('\n');
        sb.append(String.format("  %-12s %-18s %14s %14s  %-10s %s%n", "realm", "program", "guest cycles", "scheduled", "policy", "exits"));
        for (Object o : (List<Object>) v.get("realms")) {
            Map<String, Object> r = (Map<String, Object>) o;
            sb.append(String.format("  %-12s %-18s %,14d %,14d  %-10s %s%n", r.get("name"), r.get("program"), r.get("guestCycles"),
                    r.get("scheduledCycles"), r.get("policy"), compact((Map<String, Object>) r.get("exits"))));
        }
        sb.append("  RMI calls: ").append(compact((Map<String, Object>) v.get("rmiCalls"))).append('\n');
        sb.append("  RSI calls: ").append(compact((Map<String, Object>) v.get("rsiCalls"))).append('\n');
        sb.append("  GPT transitions: ").append(compact((Map<String, Object>) v.get("gptTransitions"))).append('\n');
        Map<String, Object> tlb = (Map<String, Object>) v.get("tlb");
        sb.append(String.format("  TLB: %,d hits, %,d misses, hit rate %.2f%%%n", tlb.get("hits"), tlb.get("misses"),
                100 * ((Number) tlb.get("hitRate")).doubleValue()));
        sb.append("  channels:\n");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) v.get("channels")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            sb.append(String.format("    %-8s %-24s %,12d bytes moved%n", e.getKey(), c.get("memory"), c.get("bytes")));
        }
        for (Object line : (List<Object>) v.get("network")) {
            sb.append("  network: ").append(line).append('\n');
        }
        sb.append("  attestation: ").append(v.get("attestation")).append('\n');
        if (v.containsKey("attack")) {
            sb.append("  attack: ").append(v.get("attack")).append('\n');
        }
        for (Object p : (List<Object>) v.get("problems")) {
            sb.append("  problem: ").append(p).append('\n');
        }
        sb.append("  result: ").append(v.get("result")).append('\n');
        return sb.toString();
    }

    private static String compact(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, x) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.replace("RMI_EXIT_", "").replace("RMI_", "")
                .replace("RSI_", "")).append(' ').append(x));
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
