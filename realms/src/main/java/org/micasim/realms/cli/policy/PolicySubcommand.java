package org.micasim.realms.cli.policy;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What every {@code mica policy} subcommand shares: help, and its output and error streams. */
abstract class PolicySubcommand implements Callable<Integer> {
    @CommandLine.Mixin
    private HelpOption help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Standard output, for results. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A printer of diagnostics on standard error. */
    final DiagnosticPrinter printer() {
        return new DiagnosticPrinter(spec.commandLine().getErr());
    }
}
