package org.micasim.realms.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.realms.scenario.RunReport;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioRunner;
import org.micasim.realms.trace.ChromeTraceWriter;
import org.micasim.realms.workload.WorkloadCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mica run}: runs a scenario (and its baselines) and prints what it cost. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a scenario and its baselines, and print what they cost.",
            "Boot the platform, build the scenario's realms through RMI, upload their policies in order,",
            "group-attest, run the pipeline to completion and print a summary; then the same for each baseline.",
            "Exit status: 0 ok, 1 the run failed, 2 bad input, 4 an invariant was violated (--check-invariants)."
        },
        footer = {"", "Examples:", "  mica run", "  mica run network-service --set ra.packets=8 --json",
            "  mica run video-moderation --no-baselines --trace video.json",
            "  mica run network-service --check-invariants"})
final class RunCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions options;

    @Mixin
    private InvariantOption invariants;

    @Option(names = "--json", description = "Print the summary as JSON.")
    private boolean json;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write the first run as a Chrome trace-event JSON file (open it in ui.perfetto.dev).")
    private Path trace;

    @Option(names = "--no-baselines", description = "Run only the scenario's own mode.")
    private boolean noBaselines;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final UnaryOperator<DefaultPlatform> platform;

    RunCommand() {
        this(UnaryOperator.identity());
    }

    /** @param platform adjusts each run's platform before the option's checks (tests: a broken RMM) */
    RunCommand(UnaryOperator<DefaultPlatform> platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkloadCatalog catalog = new WorkloadCatalog();
        List<RunReport> reports;
        try {
            Scenario s = options.load(catalog);
            ProgressBar bar = ProgressBar.forTerminal(err);
            try {
                reports = new ScenarioRunner(catalog).recordTrace(trace != null).baselines(!noBaselines).progress(bar)
                        .platform(p -> invariants.apply(platform.apply(p))).run(s);
            } finally {
                bar.done();
            }
        } catch (InvariantViolation v) {
            return invariants.violated(out, err, "mica run: ", v);
        } catch (ScenarioException e) {
            err.println("mica run: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (trace != null) {
            try (OutputStream o = Files.newOutputStream(trace)) {
                new ChromeTraceWriter(reports.get(0).frequencyMHz()).write(reports.get(0).slices(), o);
            } catch (IOException e) {
                err.println("mica run: cannot write trace " + trace + ": " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
        }
        if (json) {
            if (reports.size() == 1) {
                out.println(reports.get(0).toJson());
            } else {
                List<Object> runs = new ArrayList<>();
                reports.forEach(r -> runs.add(r.values()));
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("runs", runs);
                out.println(new RunReport(all, true, List.of(), 1).toJson());
            }
        } else {
            for (RunReport r : reports) {
                out.print(r.toText());
            }
            if (reports.size() > 1) {
                out.print(comparison(reports));
            }
            if (trace != null) {
                out.println("trace: " + trace + " (" + reports.get(0).slices().size() + " slices; open in ui.perfetto.dev)");
            }
        }
        out.flush();
        invariants.summary(out, err);
        return reports.stream().allMatch(RunReport::ok) ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    @SuppressWarnings("unchecked")
    private static String comparison(List<RunReport> reports) {
        StringBuilder sb = new StringBuilder("comparison of the app phase (same data, same seed; setup and attestation excluded):\n");
        long base = app(reports.get(0));
        for (RunReport r : reports) {
            long c = app(r);
            long guest = 0;
            for (Object o : (List<Object>) r.values().get("realms")) {
                guest += ((Number) ((Map<String, Object>) o).get("guestCycles")).longValue();
            }
            sb.append(String.format("  %-14s %,14d cycles, %,12d of them in realm guests  (%.2fx)%n", r.values().get("mode"), c, guest,
                    base == 0 ? 0.0 : (double) c / base));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static long app(RunReport r) {
        Object v = ((Map<String, Object>) r.values().get("phaseCycles")).get("app");
        return v == null ? 0 : ((Number) v).longValue();
    }
}
