package org.micasim.realms.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.micasim.realms.scenario.ScenarioChecker;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioLoader;
import org.micasim.realms.workload.WorkloadCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mica scenarios}: lists the bundled scenarios, or prints one as a template. */
@Command(
        name = "scenarios",
        mixinStandardHelpOptions = true,
        description = "List the bundled scenarios, one line each (the default is marked with *).",
        footer = {"", "Examples:", "  mica scenarios", "  mica scenarios --show network-service > my.json"})
final class ScenariosCommand implements Callable<Integer> {
    @Option(names = "--show", paramLabel = "NAME", description = "Print the bundled scenario NAME (a starting point for your own).")
    private String show;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(new WorkloadCatalog()));
        try {
            if (show != null) {
                out.print(loader.loadBundledText(show));
            } else {
                for (ScenarioLoader.Bundled b : loader.bundled()) {
                    String mark = b.name().equals(ScenarioLoader.DEFAULT_SCENARIO) ? "*" : " ";
                    out.printf("%s %-32s %s%n", mark, b.name(), b.description());
                }
            }
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("mica scenarios: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}
