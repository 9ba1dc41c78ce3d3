package org.micasim.realms.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.micasim.realms.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mica bench paper}: the Mica authors' harness in simulation, as JSON and an SVG plot. */
@Command(
        name = "paper",
        mixinStandardHelpOptions = true,
        description = {"Run the Mica authors' benchmark harness in simulation: cases one_no_policy, one, two, three "
                + "(build, policy-upload and group-attestation cycles per realm, token size) and realm1<->realm2 "
                + "ping-pong round trips for Mica shared memory vs AES-256-CBC+HMAC and AES-256-CTR+HMAC over "
                + "host-shared memory.",
                "Exit status: 0 all runs ok, 1 a run failed, 2 bad options or files."},
        footer = {"", "Examples:", "  mica bench paper", "  mica bench paper --rounds 2 --sizes 65536,1048576 --json q.json --svg q.svg"})
final class PaperCommand implements Callable<Integer> {
    @Option(names = "--rounds", paramLabel = "N", description = "Round trips per size and mode (default: ${DEFAULT-VALUE}).")
    private int rounds = 20;

    @Option(names = "--sizes", split = ",", paramLabel = "BYTES", description = "Payload sizes (default: 65536,262144,524288,1048576,10485760).")
    private List<Long> sizes = PaperHarness.SIZES;

    @Option(names = "--cases", split = ",", paramLabel = "CASE", description = "Attestation cases (default: one_no_policy,one,two,three).")
    private List<String> cases = PaperCases.CASES;

    @Option(names = "--json", paramLabel = "FILE", description = "Where the results go (default: ${DEFAULT-VALUE}).")
    private Path json = Path.of("bench-paper.json");

    @Option(names = "--svg", paramLabel = "FILE", description = "Where the ping-pong plot goes (default: ${DEFAULT-VALUE}).")
    private Path svg = Path.of("bench-paper.svg");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rounds < 1) {
            return usage(err, "--rounds must be at least 1, got " + rounds);
        }
        for (long s : sizes) {
            if (s < 1 || s > (64L << 20)) {
                return usage(err, "--sizes: each size must be 1..67108864 bytes, got " + s);
            }
        }
        for (String c : cases) {
            if (!PaperCases.CASES.contains(c)) {
                return usage(err, "--cases: no case '" + c + "' (cases: " + String.join(", ", PaperCases.CASES) + ")");
            }
        }
        Map<String, Object> result;
        try {
            result = new PaperHarness().runAll(cases, sizes, rounds);
        } catch (ScenarioException e) {
            return usage(err, e.getMessage());
        }
        try {
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result),
                    StandardCharsets.UTF_8);
            Files.writeString(svg, PaperHarness.plot(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return usage(err, "cannot write results: " + e.getMessage());
        }
        printSummary(out, result);
        out.printf("wrote %s and %s%n", json, svg);
        out.flush();
        return PaperHarness.allOk(result) ? CommandLine.ExitCode.OK : 1;
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(PrintWriter out, Map<String, Object> result) {
        for (Object o : (List<Object>) result.get("attestation")) {
            Map<String, Object> c = (Map<String, Object>) o;
            out.printf("case %-14s %s, token %s bytes%n", c.get("case"), c.get("result"), c.get("tokenBytes"));
            for (Object r : (List<Object>) c.get("realms")) {
                Map<String, Object> m = (Map<String, Object>) r;
                out.printf("  %-7s build %12s  upload %10s  attest %10s cycles%n", m.get("realm"), m.get("buildCycles"),
                        m.get("policyUploadCycles"), m.get("attestationCycles"));
            }
        }
        for (Object o : (List<Object>) result.get("pingPong")) {
            Map<String, Object> p = (Map<String, Object>) o;
            out.printf("ping-pong %-13s %9s bytes: %12s cycles/round trip (%s)%n", p.get("mode"), p.get("bytes"),
                    p.get("cyclesPerRoundTrip"), p.get("result"));
        }
    }

    private int usage(PrintWriter err, String message) {
        err.println("mica bench paper: " + message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }
}
