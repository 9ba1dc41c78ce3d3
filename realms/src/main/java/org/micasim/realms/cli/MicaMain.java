package org.micasim.realms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mica} command line: the composition root's entry point. */
@Command(
        name = "mica",
        mixinStandardHelpOptions = true,
        versionProvider = MicaVersion.class,
        description = "Simulate Arm CCA realms with the Mica extensions.",
        subcommands = {
            CommandLine.HelpCommand.class,
            org.micasim.realms.cli.script.SmcScriptCommand.class,
            org.micasim.realms.cli.policy.PolicyCommand.class,
            RunCommand.class,
            StepCommand.class,
            ScenariosCommand.class,
            AttestCommand.class,
            org.micasim.realms.cli.verify.VerifyCommand.class,
            org.micasim.realms.cli.verify.PlatformKeyCommand.class,
            org.micasim.realms.cli.bench.BenchCommand.class,
            org.micasim.realms.cli.fuzz.FuzzCommand.class,
        })
public final class MicaMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the error handling every subcommand shares. */
    public static CommandLine commandLine() {
        return new CommandLine(new MicaMain());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
