package org.micasim.benchmarks.attestation;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.realms.cli.bench.PaperCases;
import org.micasim.realms.scenario.RunReport;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Group attestation of 1, 2 or 3 realms (the harness cases one, two, three of {@code mica bench paper}).
 * One operation is a whole run on a fresh machine: boot, build every realm, map the shared memory,
 * each realm uploads its policy in turn, realm1 attests the group (RSI_ATTEST_TOKEN_INIT_GROUP and
 * CONTINUE_GROUP: SGT discovery, aggregation, token signing, policy images) and the relying party's check
 * of the stream; no data moves afterwards. Host time is the whole run; the auxiliary counters are the
 * simulated cycles of the attestation phase alone (from the gateway's request to its report), and
 * {@code mica bench paper} gives the other phases.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GroupAttestationBenchmark {
    private static final String[] CASES = {"", "one", "two", "three"};

    @Param({"1", "2", "3"})
    public int realms;

    private PaperCases cases;
    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws ScenarioException {
        cases = new PaperCases();
        scenario = cases.scenario(CASES[realms], 4096, 0);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public RunReport setUpAndAttest(SimulatedCycles cycles) throws ScenarioException {
        RunReport r = new ScenarioRunner(cases.catalog()).baselines(false).run(scenario).get(0);
        if (!r.ok()) {
            throw new IllegalStateException("case " + CASES[realms] + " failed: " + r.values().get("problems"));
        }
        cycles.addAll(((Map<String, Long>) r.values().get("phaseCycles")).get("attestation"), 1);
        return r;
    }
}
