package org.micasim.realms.cli;

import java.util.ArrayList;
import java.util.List;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioChecker;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioLoader;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every scenario-running command shares: which scenario, and what to change in it. */
final class ScenarioOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A bundled scenario name (see 'mica scenarios') or a scenario file; default: "
                    + ScenarioLoader.DEFAULT_SCENARIO + ".")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Timing profile: 'default' or a profile JSON file.")
    String profile;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Run only this mode (mica, aes-ctr-hmac, aes-cbc-hmac) instead of the scenario's mode and baselines.")
    String mode;

    @Option(names = "--set", paramLabel = "REALM.PARAM=N",
            description = "Override a workload parameter, e.g. --set ra.packets=8 (repeatable).")
    List<String> sets = new ArrayList<>();

    /** Loads the scenario and applies the overrides; every problem is a {@link ScenarioException}. */
    Scenario load(WorkloadCatalog catalog) throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(catalog));
        Scenario s = loader.load(scenario == null ? ScenarioLoader.DEFAULT_SCENARIO : scenario);
        if (seed != null || profile != null) {
            s = s.with(seed != null ? seed : s.seed(), profile != null ? profile : s.profile());
        }
        if (mode != null) {
            TransportMode m = TransportMode.fromLabel(mode);
            if (m == null) {
                throw new ScenarioException("--mode " + mode + ": must be one of " + TransportMode.labels());
            }
            s = s.inMode(m);
        }
        for (String set : sets) {
            int dot = set.indexOf('.');
            int eq = set.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new ScenarioException("--set " + set + ": expected REALM.PARAM=N, e.g. ra.packets=8");
            }
            long value;
            try {
                value = Long.decode(set.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new ScenarioException("--set " + set + ": '" + set.substring(eq + 1) + "' is not an integer");
            }
            try {
                s = s.withParameter(set.substring(0, dot), set.substring(dot + 1, eq), value);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("--set " + set + ": " + e.getMessage());
            }
        }
        return s;
    }
}
