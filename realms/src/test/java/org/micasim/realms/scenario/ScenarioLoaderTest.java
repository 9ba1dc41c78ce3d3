package org.micasim.realms.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(new WorkloadCatalog()));

    @Test
    void everyBundledScenario_loadsWithItsPolicies() throws Exception {
        List<String> names = loader.bundledNames();
        assertTrue(names.containsAll(List.of("network-service", "guard-railed-inference", "video-moderation", "agentic")), names.toString());
        assertTrue(names.contains(ScenarioLoader.DEFAULT_SCENARIO));
        for (String n : names) {
            Scenario s = loader.loadBundled(n);
            assertEquals(n, s.name());
            assertFalse(s.description().isEmpty(), n);
            for (Scenario.RealmSpec r : s.realms()) {
                assertNotNull(r.policy(), n + "/" + r.name());
                assertTrue(r.policy().text().contains("\"Self\""), n + "/" + r.name());
            }
            if (s.host() != HostBehaviour.MAP_UNPROTECTED) {
                assertEquals(List.of(TransportMode.AES_CTR_HMAC, TransportMode.AES_CBC_HMAC), s.baselines(), n);
            }
        }
    }

    @Test
    void defaults_areFilledIn() throws Exception {
        Scenario s = loader.parse("""
                {"name": "one", "realms": [{"name": "ri", "workload": {"program": "infer-model", "ports": {"filter": "c"}}},
                                           {"name": "rf", "workload": {"program": "infer-filter", "ports": {"gateway": "g", "model": "c"}}},
                                           {"name": "rg", "workload": {"program": "infer-gateway", "ports": {"network": "n", "filter": "g"}}}],
                 "mode": "aes-ctr-hmac",
                 "channels": [{"name": "c", "size": 8192, "ends": [{"realm": "rf", "ipa": "0x100000"}, {"realm": "ri", "ipa": "0x100000"}]},
                              {"name": "g", "size": 8192, "ends": [{"realm": "rg", "ipa": "0x100000"}, {"realm": "rf", "ipa": "0x200000"}]},
                              {"name": "n", "size": "16KiB", "ends": [{"realm": "rg", "ipa": "0x200000"}]}]}
                """, "t.json", p -> null);
        assertEquals(1, s.seed());
        assertEquals("default", s.profile());
        assertEquals(HostBehaviour.HONEST, s.host());
        Scenario.RealmSpec ri = s.realm("ri");
        assertEquals(Scenario.DEFAULT_IMAGE_SIZE, ri.imageSize());
        assertEquals(1, ri.recs());
        assertEquals(42, ri.ipaBits());
        assertEquals(24L, ri.parameters().get("replyTokens"));
        assertEquals(16384, s.channel("n").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field   | {"name": "x", "realmz": []}                                   | t.json:1:28: unknown field 'realmz' (known: baselines, channels, description, host, mode, name, profile, realms, seed)
            syntax error              | {"name": "x",, }                                              | t.json:1:14: Unexpected character
            bad mode                  | {"name": "x", "mode": "rot13", "realms": []}                  | t.json: mode: must be one of mica, aes-ctr-hmac, aes-cbc-hmac, got 'rot13'
            no realms                 | {"name": "x", "realms": []}                                   | t.json: realms: must list at least one realm
            bad name                  | {"name": "X Y", "realms": []}                                 | t.json: name: must be 1..48 of [a-z0-9-], got 'X Y'
            unknown program           | {"name": "x", "realms": [{"name": "a", "workload": {"program": "doom"}}]} | t.json: realms[0].workload.program: unknown program 'doom'
            bad size string           | {"name": "x", "realms": [{"name": "a", "imageSize": "lots", "workload": {"program": "infer-model"}}]} | t.json:1:53: "lots" is not a size or address (examples: 8192, "0x2000", "256KiB") at realms[0].imageSize
            negative recs             | {"name": "x", "realms": [{"name": "a", "recs": -1, "workload": {"program": "infer-model"}}]} | t.json: realms[0].recs: must be 1..8, got -1
            unbound port              | {"name": "x", "realms": [{"name": "a", "workload": {"program": "infer-model"}}]} | t.json: realms[0].workload.ports.filter: program infer-model needs port 'filter' bound to a channel
            bad host behaviour        | {"name": "x", "host": {"behaviour": "evil"}, "realms": [{"name": "a", "workload": {"program": "infer-model"}}]} | t.json: host.behaviour: must be one of honest, snoop-channel, tamper-channel, map-unprotected, got 'evil'
            duplicate key             | {"name": "x", "name": "y"}                                    | t.json:1:21: Duplicate field 'name'
            trailing garbage          | {"name": "x"} {}                                              | t.json:1:15: Trailing token
            """)
    void badScenario_givesOneClearMessage(String what, String json, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(json, "t.json", p -> null));
        assertTrue(e.getMessage().startsWith(expected), what + ": got <" + e.getMessage() + ">");
    }

    @Test
    void channelOutsideTheProtectedHalf_isRejectedWithItsPath() throws Exception {
        String json = loader.loadBundledText("network-service").replace("0x18008000000", "0x1fffffff000");
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(json, "n.json", p -> "{\"Self\": \"VM1\"}"));
        assertTrue(e.getMessage().startsWith("n.json: channels[1].ends[0].ipa: channel 'nic' at 0x1fffffff000..0x2000000f000 does not fit"),
                e.getMessage());
    }

    @Test
    void micaModeWithoutAPolicy_isRejected() throws Exception {
        String json = loader.loadBundledText("network-service").replace("\"policy\": \"policies/ra.json\"", "\"ipaBits\": 42");
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(json, "n.json", p -> "{}"));
        assertTrue(e.getMessage().contains("realms[1].policy: realm 'ra' shares protected memory"), e.getMessage());
    }

    @Test
    void missingPolicyFile_namesIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, loader.loadBundledText("network-service"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.loadFile(f));
        assertEquals(f + ": realms[0].policy: policy file 'policies/rnet.json' not found", e.getMessage());
    }

    @Test
    void unknownName_listsTheBundledOnes() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load("no-such-scenario"));
        assertTrue(e.getMessage().startsWith("no bundled scenario or file called 'no-such-scenario' (bundled: guard-railed-inference, "),
                e.getMessage());
    }

    @Test
    void baselineVariant_dropsPoliciesAndMovesChannelsToHostSharedMemory() throws Exception {
        Scenario s = loader.loadBundled("network-service");
        Scenario b = s.inMode(TransportMode.AES_CTR_HMAC);
        Scenario.RealmSpec ra = b.realm("ra");
        assertEquals(null, ra.policy());
        assertEquals(0x18000000000L, ScenarioWiring.channelIpa(s, s.realm("ra"), s.channel("Mem1")));
        assertEquals(0x18000000000L + (1L << 41), ScenarioWiring.channelIpa(b, ra, b.channel("Mem1")));
        assertEquals("aes-ctr-hmac", ScenarioWiring.parameters(b, ra).get("mode"));
        assertEquals("Mem1", ScenarioWiring.parameters(b, ra).get("port.gateway.seal"));
    }
}
