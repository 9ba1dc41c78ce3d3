package org.micasim.realms.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mica bench}: the measurement harnesses that run inside the simulator. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure in simulated cycles (the JMH host-time benchmarks are in benchmarks/).",
        subcommands = {PaperCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
