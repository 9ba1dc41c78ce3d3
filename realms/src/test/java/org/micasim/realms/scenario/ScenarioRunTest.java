package org.micasim.realms.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.realms.workload.WorkloadCatalog;

/** Every bundled scenario, at small sizes, in its own mode and its baselines, on the real machine. */
class ScenarioRunTest {
    /** Small values for the parameters the bundled programs have. */
    static final Map<String, Long> SMALL = Map.of("packets", 3L, "prompts", 3L, "replyTokens", 6L, "frames", 2L,
            "width", 16L, "height", 12L, "tasks", 1L, "steps", 2L);

    private final WorkloadCatalog catalog = new WorkloadCatalog();
    private final ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(catalog));

    static Scenario small(Scenario s) {
        for (Scenario.RealmSpec r : s.realms()) {
            for (String p : r.parameters().keySet()) {
                if (SMALL.containsKey(p)) {
                    s = s.withParameter(r.name(), p, SMALL.get(p));
                }
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"guard-railed-inference", "network-service", "video-moderation", "agentic",
        "network-service-snoop", "network-service-tamper"})
    void bundledScenario_runsInEveryMode(String name) throws Exception {
        Scenario s = small(loader.loadBundled(name));
        List<RunReport> reports = new ScenarioRunner(catalog).run(s);
        assertEquals(3, reports.size(), "mica plus two baselines");
        for (RunReport r : reports) {
            assertTrue(r.ok(), name + ":\n" + r.toText());
        }
        Map<String, Object> mica = reports.get(0).values();
        assertEquals("mica", mica.get("mode"));
        assertTrue(String.valueOf(mica.get("attestation")).startsWith("group token accepted (" + s.realms().size() + " members"),
                name + ": " + mica.get("attestation"));
        for (Object realm : (List<Object>) mica.get("realms")) {
            assertEquals("uploaded", ((Map<String, Object>) realm).get("policy"), name + ": " + realm);
        }
        Map<String, Object> channels = (Map<String, Object>) mica.get("channels");
        for (Object c : channels.values()) {
            assertTrue(((Number) ((Map<String, Object>) c).get("bytes")).longValue() > 0, name + ": a channel carried nothing: " + channels);
        }
        if (s.host() != HostBehaviour.HONEST) {
            assertTrue(String.valueOf(mica.get("attack")).contains("was stopped"), name + ": " + mica.get("attack"));
            assertTrue(reports.get(1).values().containsKey("attack"), name);
        }
        Map<String, Long> rsi = (Map<String, Long>) mica.get("rsiCalls");
        assertEquals(s.realms().size(), rsi.get("RSI_UPLOAD_POLICY").intValue(), name + ": " + rsi);
    }

    @Test
    void unprotectedMappingAfterActivation_isRefusedForANonGateway() throws Exception {
        Scenario s = small(loader.loadBundled("network-service-map-unprotected"));
        RunReport mica = new ScenarioRunner(catalog).run(s).get(0);
        assertTrue(mica.ok(), mica.toText());
        assertTrue(String.valueOf(mica.values().get("attack")).contains("the RMM refused to map")
                && String.valueOf(mica.values().get("attack")).endsWith("RMI_ERROR_REALM"), mica.toText());
        RunReport plain = new ScenarioRunner(catalog).run(s.inMode(org.micasim.realms.workload.TransportMode.AES_CTR_HMAC)).get(0);
        assertTrue(!plain.ok() && String.valueOf(plain.values().get("attack")).contains("the host mapped"),
                "plain CCA lets the host add the mapping: " + plain.toText());
    }

    @Test
    void tamperedBaseline_isDetectedByTheReceiver() throws Exception {
        Scenario s = small(loader.loadBundled("network-service-tamper"));
        RunReport baseline = new ScenarioRunner(catalog).run(s).get(1);
        assertTrue(String.valueOf(baseline.values().get("result")).startsWith("ok: the attack was detected"), baseline.toText());
        assertTrue(baseline.values().get("problems").toString().contains("HMAC-SHA-256 tag mismatch"), baseline.toText());
    }

    @Test
    void sameSeed_sameReport() throws Exception {
        Scenario s = small(loader.loadBundled("network-service"));
        String a = new ScenarioRunner(catalog).baselines(false).run(s).get(0).toJson();
        String b = new ScenarioRunner(catalog).baselines(false).run(s).get(0).toJson();
        assertEquals(a, b);
    }

    @Test
    void failingUpload_stopsTheRunWithTheValidatorsReason() throws Exception {
        String json = loader.loadBundledText("network-service").replace("\"policy\": \"policies/ra.json\"",
                "\"policy\": \"policies/rg.json\"");
        Scenario s = small(loader.parse(json, "bad.json", p -> {
            try {
                return loader.loadBundledText("network-service").isEmpty() ? null
                        : new String(ScenarioRunTest.class.getResourceAsStream("/org/micasim/realms/scenarios/" + p).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (Exception e) {
                return null;
            }
        }));
        RunReport r = new ScenarioRunner(catalog).baselines(false).run(s).get(0);
        assertTrue(!r.ok(), r.toText());
        assertTrue(r.values().get("problems").toString().contains("RSI_UPLOAD_POLICY returned 1 (VALIDATOR"), r.toText());
    }
}
