package org.micasim.realms.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mica policy}: the Mica policy language tools. */
@Command(
        name = "policy",
        description = "Check, compile and analyse Mica policies and pipelines.",
        subcommands = {
            CheckCommand.class,
            CompileCommand.class,
            DecompileCommand.class,
            GraphCommand.class,
            FlowsCommand.class
        },
        footer = {"", "Example:", "  mica policy check docs/policies/network-service/network-service.pipeline"})
public final class PolicyCommand implements Runnable {
    /** Exit status when every input is sound. */
    static final int OK = 0;
    /** Exit status when an input has an error (the diagnostics are on standard error). */
    static final int INPUT_ERROR = 2;

    @CommandLine.Mixin
    private HelpOption help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
