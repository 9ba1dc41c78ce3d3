package org.micasim.realms.cli.policy;

import picocli.CommandLine.Option;

/** {@code -h/--help} for the policy commands (they have no version of their own to show). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
