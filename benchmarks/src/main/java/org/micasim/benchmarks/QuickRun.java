package org.micasim.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.realms.cli.bench.PaperCases;
import org.micasim.realms.cli.bench.PaperHarness;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module and the paper harness and writes one JSON file: per JMH benchmark
 * its host score and simulated cycles per operation, the speed targets of issue 7 with the measured
 * ratio to the target and to the TF-RMM fake_host peer, the 1,000-realm scale check, the three-realm
 * pipeline's wall time including JVM start (through the {@code ./mica} launcher, as a user runs it), and
 * {@code mica bench paper}'s result. Quick mode (the
 * default) keeps every JMH run short (1 fork, 1 warm-up and 2 measurement iterations of 300 ms) and
 * the paper harness to 2 round trips per size, so the whole run takes a few minutes on 2 cores;
 * {@code --full} uses the annotated JMH settings and 20 round trips.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.micasim.benchmarks.QuickRun [--full] [OUT.json]}
 * (default {@code benchmarks-quick.json}); JMH's own result file is written next to it.
 */
public final class QuickRun {
    /** A speed target: benchmark, the parameter values it applies to, how to read the score, the target and the peer's figure. */
    record Target(String name, String benchmark, Map<String, String> params, double target, boolean atMost, double peer,
                  String unit) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("RMI_VERSION", "RmiCallPathBenchmark.version", Map.of(), 60, true, 28, "ns"),
            new Target("GRANULE_DELEGATE + UNDELEGATE", "RmiCallPathBenchmark.granuleUndelegateDelegate", Map.of(), 500, true,
                    1540, "ns"),
            new Target("DATA_CREATE measured per 4 KiB", "DataCreateBenchmark.dataCreate", Map.of(), 3500, true, 14800, "ns"),
            new Target("256-page realm lifecycle", "RealmLifecycleBenchmark.buildAndDestroy", Map.of("sizeMiB", "1"),
                    1_200_000, true, 4_710_000, "ns"),
            new Target("guest fast path (loads/s incl. REC entry and exit)", "GuestProgramBenchmark.guestLoads", Map.of(), 100e6,
                    false, Double.NaN, "accesses/s"));

    private QuickRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = false;
        Path out = Path.of("benchmarks-quick.json");
        for (String a : args) {
            if (a.equals("--full")) {
                full = true;
            } else if (a.startsWith("-")) {
                System.err.println("QuickRun: unknown option " + a + " (usage: QuickRun [--full] [OUT.json])");
                System.exit(2);
            } else {
                out = Path.of(a);
            }
        }
        Path jmhFile = out.resolveSibling(out.getFileName().toString().replaceAll("\\.json$", "") + "-jmh.json");
        ChainedOptionsBuilder opts = new OptionsBuilder().include("org\\.micasim\\.benchmarks\\..*Benchmark.*")
                .resultFormat(ResultFormatType.JSON).result(jmhFile.toString()).shouldFailOnError(true);
        if (!full) {
            opts.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(300)).measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(300));
        }
        Collection<RunResult> results = new Runner(opts.build()).run();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", full ? "full" : "quick");
        report.put("machine", machine());
        List<Object> rows = new ArrayList<>();
        Map<String, Double> nanosByKey = new TreeMap<>();
        for (RunResult r : results) {
            String bench = shortName(r.getParams().getBenchmark());
            Map<String, String> params = new TreeMap<>();
            for (String k : r.getParams().getParamsKeys()) {
                params.put(k, r.getParams().getParam(k));
            }
            Result<?> primary = r.getPrimaryResult();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", bench);
            row.put("params", params);
            row.put("score", primary.getScore());
            row.put("scoreError", primary.getScoreError());
            row.put("unit", primary.getScoreUnit());
            Result<?> cycles = r.getSecondaryResults().get("simCycles");
            Result<?> ops = r.getSecondaryResults().get("simOps");
            if (cycles != null && ops != null && ops.getScore() > 0) {
                row.put("simCyclesPerOp", cycles.getScore() / ops.getScore());
            }
            double nanos = nanosPerOp(primary.getScore(), primary.getScoreUnit());
            row.put("hostNanosPerOp", nanos);
            nanosByKey.put(key(bench, params), nanos);
            rows.add(row);
        }
        report.put("benchmarks", rows);
        report.put("floorRatios", floorRatios(nanosByKey));
        report.put("targets", targets(nanosByKey));
        report.put("pipelineWallMillis", pipelineWall());
        report.put("manyRealms", manyRealms(1000));
        PaperHarness harness = new PaperHarness();
        report.put("paper", harness.runAll(PaperCases.CASES, PaperHarness.SIZES, full ? 20 : 2));
        Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " and " + jmhFile);
    }

    private static String shortName(String fqn) {
        String[] parts = fqn.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String key(String bench, Map<String, String> params) {
        return bench + params;
    }

    /** Host nanoseconds per operation from a JMH score (average time, or throughput inverted). */
    static double nanosPerOp(double score, String unit) {
        String[] u = unit.split("/");
        if (u[0].equals("ops")) {
            return 1e9 / (score / seconds(u[1]));
        }
        return score * seconds(u[0]) * 1e9;
    }

    private static double seconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    /** Realm lifecycle over the host floor at the same size (how far the simulator is from what the JVM allows). */
    private static Map<String, Object> floorRatios(Map<String, Double> nanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String size : List.of("1", "16", "64", "256")) {
            Double life = nanos.get(key("RealmLifecycleBenchmark.buildAndDestroy", Map.of("sizeMiB", size)));
            Double floor = nanos.get(key("HostFloorBenchmark.lifecycleFloor", Map.of("sizeMiB", size)));
            if (life != null && floor != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lifecycleNanos", life);
                m.put("floorNanos", floor);
                m.put("ratio", life / floor);
                out.put(size + " MiB", m);
            }
        }
        return out;
    }

    private static List<Object> targets(Map<String, Double> nanos) {
        List<Object> out = new ArrayList<>();
        for (Target t : TARGETS) {
            Double ns = nanos.get(key(t.benchmark(), new TreeMap<>(t.params())));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", t.name());
            m.put("benchmark", t.benchmark() + (t.params().isEmpty() ? "" : t.params()));
            if (ns == null) {
                m.put("measured", "not run");
                out.add(m);
                continue;
            }
            double measured = t.unit().equals("accesses/s") ? 1e9 / ns : ns;
            m.put("measured", measured);
            m.put("unit", t.unit());
            m.put("goal", (t.atMost() ? "<= " : ">= ") + t.target());
            m.put("ratioToTarget", measured / t.target());
            m.put("met", t.atMost() ? measured <= t.target() : measured >= t.target());
            if (!Double.isNaN(t.peer())) {
                m.put("peer", t.peer());
                m.put("ratioToPeer", measured / t.peer());
            }
            out.add(m);
        }
        return out;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String ownJar() throws Exception {
        return new File(QuickRun.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }

    /**
     * Wall time of {@code mica run guard-railed-inference --no-baselines} (three realms, uploads, group
     * attestation) as a user gets it: through the repository's {@code ./mica} launcher, so with its JVM flags
     * and class-data-sharing archive (docs/performance.md, "Start-up"), best and median of 3. One untimed call
     * first lets the launcher make the archive if the build is new (a one-time cost). Without the launcher
     * (benchmarks.jar away from its checkout) the runs use this JVM and the benchmarks jar, without an archive.
     */
    private static Map<String, Object> pipelineWall() throws Exception {
        List<String> args = List.of("run", "guard-railed-inference", "--no-baselines");
        Path launcher = launcher();
        List<String> command = new ArrayList<>();
        if (launcher != null) {
            command.addAll(List.of("sh", launcher.toString()));
        } else {
            command.addAll(List.of(javaCommand(), "-cp", ownJar(), "org.micasim.realms.cli.MicaMain"));
        }
        command.addAll(args);
        int exit = run(command, Map.of());
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            exit |= run(command, Map.of());
            runs.add((System.nanoTime() - t) / 1e6);
        }
        List<Double> sorted = new ArrayList<>(runs);
        sorted.sort(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "mica " + String.join(" ", args));
        m.put("via", launcher != null ? launcher.toString() : "java -cp " + ownJar() + " (no ./mica launcher beside this jar)");
        m.put("cdsArchive", cdsArchive(launcher));
        m.put("runsMillis", runs);
        m.put("bestOf3Millis", sorted.get(0));
        m.put("medianOf3Millis", sorted.get(1));
        m.put("target", "< 1000 ms");
        m.put("met", exit == 0 && sorted.get(0) < 1000);
        m.put("exit", exit);
        return m;
    }

    /** The {@code mica} launcher of the checkout this jar was built in (benchmarks/target/..), or null. */
    private static Path launcher() throws Exception {
        Path root = Path.of(ownJar()).toAbsolutePath();
        for (int i = 0; i < 3 && root != null; i++) {
            root = root.getParent();
        }
        if (root == null) {
            return null;
        }
        Path mica = root.resolve("mica");
        return Files.isRegularFile(mica) && Files.isRegularFile(root.resolve("realms/target/mica.jar")) ? mica : null;
    }

    /**
     * Whether the launcher's runs map its CDS archive: one more call with {@code -Xshare:on} added to
     * MICA_JAVA_OPTS, with which the JVM refuses to start rather than run without the archive.
     */
    private static String cdsArchive(Path launcher) throws Exception {
        if (launcher == null) {
            return "not used (no launcher)";
        }
        if ("0".equals(System.getenv("MICA_CDS"))) {
            return "not used (MICA_CDS=0)";
        }
        String opts = System.getenv().getOrDefault("MICA_JAVA_OPTS", "");
        int exit = run(List.of("sh", launcher.toString(), "scenarios"), Map.of("MICA_JAVA_OPTS", (opts + " -Xshare:on").strip()));
        return exit == 0 ? "used" : "not used (the JVM could not map it)";
    }

    /** Runs {@code command} with {@code env} added, output discarded; returns its exit status. */
    private static int run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }

    /** {@link org.micasim.benchmarks.lifecycle.ManyRealms} in a new JVM, so that its heap figure is its own. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> manyRealms(int n) throws Exception {
        Process p = new ProcessBuilder(javaCommand(), "-cp", ownJar(), "org.micasim.benchmarks.lifecycle.ManyRealms",
                String.valueOf(n)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            return Map.of("error", "ManyRealms exited with " + p.exitValue());
        }
        Map<String, Object> m = new ObjectMapper().readValue(json, Map.class);
        double ratio = ((Number) m.get("heapPerTouchedByte")).doubleValue();
        m.put("target", "heap < 2 x bytes touched");
        m.put("met", ratio < 2.0);
        return m;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("javaVm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return m;
    }
}
