package org.micasim.realms.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.workload.TransportMode;

class PaperHarnessTest {
    @Test
    @SuppressWarnings("unchecked")
    void caseOneUploadsAPolicyAndAttestsAGroupOfOne() throws ScenarioException {
        Map<String, Object> c = new PaperHarness().attestationCase("one");
        assertEquals("ok", c.get("result"), String.valueOf(c));
        assertEquals(true, c.get("groupAccepted"));
        assertEquals(List.of("realm1"), c.get("groupMembers"));
        Map<String, Object> realm1 = (Map<String, Object>) ((List<Object>) c.get("realms")).get(0);
        assertTrue((Long) realm1.get("buildCycles") > 0, String.valueOf(realm1));
        assertTrue((Long) realm1.get("policyUploadCycles") > 0, String.valueOf(realm1));
        assertTrue((Long) realm1.get("attestationCycles") > 0, String.valueOf(realm1));
        assertTrue((Integer) c.get("tokenBytes") > 0);
    }

    @Test
    void pingPongCostsMoreWithSealingAndIsDeterministic() throws ScenarioException {
        PaperHarness h = new PaperHarness();
        Map<String, Object> mica = h.pingPong(65536, 1, TransportMode.MICA);
        Map<String, Object> ctr = h.pingPong(65536, 1, TransportMode.AES_CTR_HMAC);
        assertEquals("ok", mica.get("result"), String.valueOf(mica));
        assertEquals("ok", ctr.get("result"), String.valueOf(ctr));
        long m = (Long) mica.get("cyclesPerRoundTrip");
        long c = (Long) ctr.get("cyclesPerRoundTrip");
        assertTrue(m > 0 && c > m, "mica " + m + " vs aes-ctr-hmac " + c);
        assertEquals(m, (Long) h.pingPong(65536, 1, TransportMode.MICA).get("cyclesPerRoundTrip"));
    }

    @Test
    void anUnknownCaseIsNamed() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> new PaperCases().scenario("four", 1, 1));
        assertTrue(e.getMessage().contains("four") && e.getMessage().contains("one_no_policy"), e.getMessage());
    }
}
