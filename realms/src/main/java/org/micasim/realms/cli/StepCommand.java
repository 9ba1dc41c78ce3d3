package org.micasim.realms.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.Stepper;
import org.micasim.realms.workload.WorkloadCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mica step}: an interactive stepper through a scenario's world switches, RMI and RSI calls. */
@Command(
        name = "step",
        mixinStandardHelpOptions = true,
        description = {
            "Step through a scenario's RMI and RSI calls and inspect the machine.",
            "Step through one run of a scenario (its own mode, no baselines): stop at every RMI call and return",
            "and every realm SMC, set breakpoints on commands, and inspect the GPT, granules, RTT walks, RECs,",
            "the TLB, measurements, the SGT and policies. Type 'help' at the prompt.",
            "Exit status: 0 ok, 1 the run failed, 2 bad input, 4 an invariant was violated (--check-invariants)."
        },
        footer = {"", "Examples:", "  mica step network-service",
            "  mica step network-service --commands docs/walkthrough.commands",
            "  mica step network-service --check-invariants"})
final class StepCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions options;

    @Mixin
    private InvariantOption invariants;

    @Option(names = "--commands", paramLabel = "FILE",
            description = "Read commands from FILE instead of the terminal, echoing each; the run then finishes.")
    private Path commands;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final UnaryOperator<DefaultPlatform> platform;

    StepCommand() {
        this(UnaryOperator.identity());
    }

    /** @param platform adjusts the run's platform before the option's checks (tests: a broken RMM) */
    StepCommand(UnaryOperator<DefaultPlatform> platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        List<String> lines = null;
        try {
            s = options.load(new WorkloadCatalog());
            if (commands != null) {
                lines = Files.readAllLines(commands, StandardCharsets.UTF_8);
            }
        } catch (ScenarioException e) {
            err.println("mica step: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        } catch (NoSuchFileException e) {
            err.println("mica step: " + commands + ": no such file");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            err.println("mica step: cannot read " + commands + ": " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        Stepper stepper = new Stepper(s, new WorkloadCatalog(), out).platform(p -> invariants.apply(platform.apply(p)));
        boolean go = true;
        if (lines != null) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                out.println("> " + line.trim());
                if (!(go = stepper.execute(line)) || stepper.violation().isPresent()) {
                    break;
                }
            }
        } else {
            go = interactive(stepper, out);
        }
        if (go && stepper.violation().isEmpty()) {
            stepper.finish();
        }
        out.flush();
        if (stepper.violation().isPresent()) {
            return invariants.violated(out, err, "mica step: ", stepper.violation().get());
        }
        invariants.summary(out, err);
        return stepper.report() == null || stepper.report().ok() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static boolean interactive(Stepper stepper, PrintWriter out) {
        out.println("mica step: type 'help' for commands, 'next' to start");
        out.flush();
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            while (true) {
                String line;
                try {
                    line = reader.readLine("mica> ");
                } catch (UserInterruptException | EndOfFileException e) {
                    return false;
                }
                if (!stepper.execute(line)) {
                    return false;
                }
                if (stepper.violation().isPresent()) {
                    return true;
                }
            }
        } catch (IOException e) {
            out.println("mica step: no terminal: " + e.getMessage() + " (use --commands FILE)");
            return false;
        }
    }
}
