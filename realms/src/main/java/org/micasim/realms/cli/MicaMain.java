package org.micasim.realms.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mica} command line: the composition root's entry point. */
@Command(
        name = "mica",
        mixinStandardHelpOptions = true,
        versionProvider = MicaVersion.class,
        description = "Simulate Arm CCA realms with the Mica extensions.")
public final class MicaMain implements Runnable {
    /** The subcommands, in the order {@code mica --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
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
            org.micasim.realms.cli.fuzz.FuzzCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with every subcommand and the error handling they share. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MicaMain());
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is
     * built, since reflecting on every subcommand's options is most of picocli's share of start-up; for
     * anything else (no argument, an option, {@code help}, a typo) the whole tree, so usage, version and
     * "unmatched argument" messages list every command as before.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0])) {
                    return new CommandLine(new MicaMain()).addSubcommand(c);
                }
            }
        }
        return commandLine();
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }
}
