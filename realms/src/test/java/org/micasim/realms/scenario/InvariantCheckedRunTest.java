package org.micasim.realms.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.realms.platform.InvariantWatch;
import org.micasim.realms.workload.WorkloadCatalog;

/**
 * A scenario run with the RMM's invariants checked after every RMI call: the checks are read-only (the
 * report, every cycle count and every trace event are those of the same run without them), and the bundled
 * scenarios keep every invariant throughout.
 */
class InvariantCheckedRunTest {
    private final WorkloadCatalog catalog = new WorkloadCatalog();
    private final ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(catalog));

    @Test
    void theChecksChangeNoCycleNoTraceEventAndNoReport() throws ScenarioException {
        Scenario s = ScenarioRunTest.small(loader.loadBundled("network-service"));
        List<String> plainTrace = new ArrayList<>();
        RunReport plain = new ScenarioRunner(catalog).recordTrace(true).baselines(false)
            .listener(e -> plainTrace.add(e.toText())).run(s).get(0);
        List<String> checkedTrace = new ArrayList<>();
        InvariantWatch watch = new InvariantWatch();
        RunReport checked = new ScenarioRunner(catalog).recordTrace(true).baselines(false)
            .listener(e -> checkedTrace.add(e.toText())).platform(p -> p.checkInvariants(watch)).run(s).get(0);

        long rmiCalls = plainTrace.stream().filter(t -> t.contains("SMC_RETURN") && t.contains("to NS-EL2")).count();
        assertTrue(rmiCalls > 100, "the run makes RMI calls: " + rmiCalls);
        assertEquals(rmiCalls, watch.checks(), "one check after every RMI call");
        assertEquals(plain.toJson(), checked.toJson(), "same report, cycles included");
        assertEquals(plain.slices(), checked.slices(), "same trace slices");
        assertEquals(plainTrace, checkedTrace, "same machine trace, event by event, cycle stamps included");
    }

    @ParameterizedTest
    @ValueSource(strings = {"guard-railed-inference", "network-service", "video-moderation", "agentic",
        "network-service-snoop", "network-service-tamper"})
    void everyBundledScenarioKeepsTheInvariants(String name) throws ScenarioException {
        Scenario s = ScenarioRunTest.small(loader.loadBundled(name));
        InvariantWatch watch = new InvariantWatch();
        RunReport r = new ScenarioRunner(catalog).baselines(false).platform(p -> p.checkInvariants(watch)).run(s).get(0);
        assertTrue(r.ok(), name + ":\n" + r.toText());
        assertTrue(watch.checks() > 100, name + ": " + watch.checks() + " checks");
    }
}
