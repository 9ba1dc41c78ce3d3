package org.micasim.realms.cli.policy;

import java.nio.file.Path;
import java.util.Optional;
import org.micasim.policy.flow.Endpoints;
import org.micasim.policy.flow.FlowGraph;
import org.micasim.policy.flow.FlowGraphBuilder;
import org.micasim.policy.flow.FlowNode;
import org.micasim.policy.flow.FlowReport;
import org.micasim.policy.pipeline.LoadedPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mica policy flows PIPELINE [--from X --to Y]}: every path by which data can travel. */
@Command(
        name = "flows",
        description = {
            "List every path by which data of a realm can reach the host or another realm.",
            "",
            "Data travels through memory one party may write and another may read, through a gateway, an"
                + " UNPROTECTED object, or a CALL rule with policy ALLOW. X and Y are realm names, VM names or HOST."
        },
        footer = {"", "Example:",
            "  mica policy flows network-service.pipeline --from ra --to HOST"})
final class FlowsCommand extends PolicySubcommand {
    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
    private Path file;

    @Option(names = "--from", paramLabel = "X", description = "Only paths starting at X (default: every realm).")
    private String from;

    @Option(names = "--to", paramLabel = "Y", description = "Only paths ending at Y (default: everything reachable).")
    private String to;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = printer();
        Optional<LoadedPipeline> pipeline = InputFiles.completePipeline(file, printer);
        if (pipeline.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        FlowGraph graph = FlowGraphBuilder.build(pipeline.get().realms());
        Endpoints endpoints = new Endpoints(graph, pipeline.get().realms());
        Optional<Optional<FlowNode>> source = endpoint(endpoints, from, "--from", printer);
        Optional<Optional<FlowNode>> target = endpoint(endpoints, to, "--to", printer);
        if (source.isEmpty() || target.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        out().print(FlowReport.render(graph, source.get(), target.get()));
        out().flush();
        return PolicyCommand.OK;
    }

    /** Empty when the name does not resolve (reported); otherwise the node, or empty if no name was given. */
    private static Optional<Optional<FlowNode>> endpoint(
            Endpoints endpoints, String name, String option, DiagnosticPrinter printer) {
        if (name == null) {
            return Optional.of(Optional.empty());
        }
        Endpoints.Resolution r = endpoints.resolve(name);
        if (r.node().isEmpty()) {
            printer.fileError(option, r.problem());
            return Optional.empty();
        }
        return Optional.of(r.node());
    }
}
