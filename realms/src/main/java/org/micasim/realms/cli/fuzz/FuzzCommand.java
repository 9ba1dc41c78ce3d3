package org.micasim.realms.cli.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.micasim.realms.fuzz.FuzzEngine;
import org.micasim.realms.fuzz.FuzzReport;
import org.micasim.realms.fuzz.FuzzTarget;
import org.micasim.realms.fuzz.ScriptReplay;
import org.micasim.realms.cli.script.ParseResult;
import org.micasim.realms.cli.script.ScriptParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mica fuzz}: the stateful malicious-host fuzzer with invariant checks after every call. */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        description = {
            "Attack the RMM as a malicious host: seeded random and stateful sequences of RMI calls (Mica's"
                    + " included) and hostile RSI calls from guests, each sequence on a freshly booted default"
                    + " platform, every invariant checked after every call.",
            "The first failing sequence is shrunk and printed as an smc-script.",
            "Exit status: 0 no violation and no undefined outcome; 1 a failure was found; 2 bad usage.",
            "See docs/security.md."
        })
public final class FuzzCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sequences", paramLabel = "N", description = "sequences to run (default ${DEFAULT-VALUE})")
    private int sequences = 100;

    @Option(names = "--calls", paramLabel = "M", description = "RMI calls per sequence (default ${DEFAULT-VALUE})")
    private int calls = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the whole run (default ${DEFAULT-VALUE})")
    private long seed = 0;

    @Option(names = "--no-mica", description = "run the plain RMM 1.0 without the Mica extension")
    private boolean noMica;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the shrunk script of a failure here")
    private String out;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "instead of fuzzing, replay an smc-script with every invariant checked after each statement")
    private String replay;

    @Option(names = "--attested", description = "with --replay: the platform has its attestation root")
    private boolean attested;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sequences < 1 || calls < 1) {
            err.println("mica fuzz: --sequences and --calls must be at least 1, got " + sequences + " and " + calls);
            return 2;
        }
        if (replay != null) {
            return replay(o, err);
        }
        long start = System.nanoTime();
        FuzzReport r = new FuzzEngine(FuzzTarget.standard(1, seed, !noMica), !noMica).run(sequences, calls, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        o.printf("mica fuzz: seed %d, %d sequences x %d RMI calls, Mica %s%n", seed, sequences, calls,
            noMica ? "off" : "on");
        o.printf("sequences run:              %d%n", r.sequences());
        o.printf("steps:                      %d (RMI calls %d, Non-secure memory accesses %d)%n", r.steps(),
            r.rmiCalls(), r.steps() - r.rmiCalls());
        o.printf("guest RSI/PSCI calls:       %d (RSI_UPLOAD_POLICY %d, accepted %d; PSCI blocked by Mica %d)%n",
            r.guestCalls()[0], r.guestCalls()[1], r.guestCalls()[2], r.guestCalls()[3]);
        o.printf("invariant violations:       %d%n", r.invariantViolations());
        o.printf("undefined outcomes:         %d%n", r.undefinedOutcomes());
        o.println("statuses:");
        for (Map.Entry<String, Long> e : r.statuses().entrySet()) {
            o.printf("  %-26s %d%n", e.getKey(), e.getValue());
        }
        o.println("RMI commands (calls / successes):");
        for (Map.Entry<String, long[]> e : r.calls().entrySet()) {
            if (e.getKey().startsWith("RMI_")) {
                o.printf("  %-32s %8d %8d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
        long other = r.calls().entrySet().stream().filter(e -> !e.getKey().startsWith("RMI_"))
            .mapToLong(e -> e.getValue()[0]).sum();
        o.printf("  %-32s %8d%n", "other FIDs", other);
        o.printf("time: %.1f s%n", seconds);
        if (r.failure().isEmpty()) {
            o.flush();
            return 0;
        }
        FuzzReport.FailureReport f = r.failure().get();
        o.printf("FAILED: sequence %d (seed %d): %s%n", f.sequence(), f.sequenceSeed(), f.kind());
        o.println(f.detail());
        o.printf("shrunk from %d to %d steps:%n", f.originalSteps(), f.shrunkSteps());
        o.print(f.script());
        o.flush();
        if (out != null) {
            try {
                Files.writeString(Path.of(out), f.script(), StandardCharsets.UTF_8);
            } catch (IOException | InvalidPathException e) {
                err.println("mica fuzz: cannot write " + out + ": " + e.getMessage());
            }
        }
        return 1;
    }

    private int replay(PrintWriter o, PrintWriter err) {
        String text;
        try {
            text = Files.readString(Path.of(replay), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            err.println("mica fuzz: cannot read " + replay + ": " + e.getMessage());
            return 2;
        }
        ParseResult parsed = ScriptParser.parse(replay, text);
        if (parsed.script().isEmpty()) {
            parsed.diagnostics().forEach(d -> err.println(d.render()));
            return 2;
        }
        ScriptReplay.Result r = ScriptReplay.replay(parsed.script().get(), FuzzTarget.standard(1, seed, !noMica),
            attested, o, err);
        o.flush();
        o.println(r.passed() ? "replay: every expect held, every invariant held"
            : "replay: " + r.failures().size() + " failed expects" + r.violation().map(v -> "; " + v).orElse(""));
        return r.passed() ? 0 : 1;
    }
}
