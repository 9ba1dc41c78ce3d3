package org.micasim.realms.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.micasim.realms.scenario.RunReport;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioChecker;
import org.micasim.realms.scenario.ScenarioLoader;
import org.micasim.realms.scenario.ScenarioRunner;
import org.micasim.realms.workload.WorkloadCatalog;

class ChromeTraceTest {
    @Test
    void writer_emitsMetadataThenCompleteEvents() throws Exception {
        Track t = new Track(1, 2, "PE0", "RMI calls");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChromeTraceWriter(1000).write(List.of(new Slice(t, "RMI_VERSION", 2000, 5000, Map.of("return", "x0=0x0"))), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        JsonNode events = root.get("traceEvents");
        assertEquals("process_name", events.get(0).get("name").asText());
        assertEquals("PE0", events.get(0).get("args").get("name").asText());
        JsonNode x = events.get(events.size() - 1);
        assertEquals("X", x.get("ph").asText());
        assertEquals(2.0, x.get("ts").asDouble(), 1e-9, "2000 cycles at 1000 MHz = 2 us");
        assertEquals(3.0, x.get("dur").asDouble(), 1e-9);
        assertEquals(3000, x.get("args").get("cycles").asLong());
    }

    @Test
    void runTrace_isValidTraceEventJsonWithTracksPerPeWorldAndRealm() throws Exception {
        WorkloadCatalog catalog = new WorkloadCatalog();
        Scenario s = new ScenarioLoader(new ScenarioChecker(catalog)).loadBundled("network-service")
                .withParameter("ra", "packets", 3).withParameter("rnet", "packets", 3);
        RunReport r = new ScenarioRunner(catalog).recordTrace(true).baselines(false).run(s).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChromeTraceWriter(r.frequencyMHz()).write(r.slices(), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertTrue(root.get("traceEvents").isArray());
        Map<String, String> threads = new HashMap<>();
        Set<String> processes = new HashSet<>();
        Map<String, Integer> slicesByTrack = new HashMap<>();
        Set<String> names = new HashSet<>();
        double lastTs = -1;
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            String track = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("process_name")) {
                    processes.add(e.get("args").get("name").asText());
                } else if (e.get("name").asText().equals("thread_name")) {
                    threads.put(track, e.get("args").get("name").asText());
                }
                continue;
            }
            assertEquals("X", ph);
            assertTrue(threads.containsKey(track), "slice on an undeclared track " + track);
            double ts = e.get("ts").asDouble();
            assertTrue(ts >= lastTs, "slices are in start order");
            assertTrue(e.get("dur").asDouble() >= 0);
            lastTs = ts;
            slicesByTrack.merge(threads.get(track), 1, Integer::sum);
            names.add(e.get("name").asText());
        }
        assertTrue(processes.contains("PE0"), processes.toString());
        for (String t : List.of("world", "RMI calls", "RSI calls", "RMM calls to EL3", "realm rnet", "realm ra")) {
            assertTrue(slicesByTrack.getOrDefault(t, 0) > 0, "track " + t + " has slices: " + slicesByTrack);
        }
        for (String n : List.of("RMI_REALM_CREATE", "RMI_DATA_CREATE_UNKNOWN_SHARED", "RMI_REC_ENTER", "RSI_UPLOAD_POLICY",
                "RSI_HOST_CALL", "RSI_ATTEST_TOKEN_INIT_GROUP", "Realm world", "Non-secure world", "guest")) {
            assertTrue(names.contains(n), "a slice called " + n);
        }
    }
}
