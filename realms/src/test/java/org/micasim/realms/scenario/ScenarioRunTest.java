package org.micasim.realms.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.micasim.realms.workload.WorkloadCatalog;

class ScenarioRunTest {
    private final WorkloadCatalog catalog = new WorkloadCatalog();
    private final ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(catalog));

    @Test
    void networkService_small() throws Exception {
        Scenario s = loader.loadBundled("network-service").withParameter("ra", "packets", 4).withParameter("rnet", "packets", 4);
        List<RunReport> reports = new ScenarioRunner(catalog).run(s);
        for (RunReport r : reports) {
            System.out.println(r.toText());
        }
        assertTrue(reports.get(0).ok(), reports.get(0).toText());
    }
}
