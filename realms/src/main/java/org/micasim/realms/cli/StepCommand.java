package org.micasim.realms.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
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
            "the TLB, measurements, the SGT and policies. Type 'help' at the prompt."
        },
        footer = {"", "Examples:", "  mica step network-service",
            "  mica step network-service --commands docs/walkthrough.commands"})
final class StepCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions options;

    @Option(names = "--commands", paramLabel = "FILE",
            description = "Read commands from FILE instead of the terminal, echoing each; the run then finishes.")
    private Path commands;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

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
        Stepper stepper = new Stepper(s, new WorkloadCatalog(), out);
        boolean go = true;
        if (lines != null) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                out.println("> " + line.trim());
                if (!(go = stepper.execute(line))) {
                    break;
                }
            }
        } else {
            go = interactive(stepper, out);
        }
        if (go) {
            stepper.finish();
        }
        out.flush();
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
            }
        } catch (IOException e) {
            out.println("mica step: no terminal: " + e.getMessage() + " (use --commands FILE)");
            return false;
        }
    }
}
