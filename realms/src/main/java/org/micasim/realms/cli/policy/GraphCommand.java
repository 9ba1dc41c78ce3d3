package org.micasim.realms.cli.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.micasim.policy.ast.Located;
import org.micasim.policy.flow.FlowGraphBuilder;
import org.micasim.policy.graph.DotWriter;
import org.micasim.policy.pipeline.LoadedPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mica policy graph PIPELINE -o FILE.dot}: the pipeline's flow graph for Graphviz. */
@Command(
        name = "graph",
        description = {
            "Write a pipeline's information-flow graph as Graphviz DOT.",
            "",
            "Realms are nodes (gateways with a double orange border), the untrusted host is a red octagon, and each"
                + " memory object, gateway link or allowed control transfer is an edge pointing the way data flows."
                + " Every realm's policy must be free of errors (exit status 2 otherwise)."
        },
        footer = {"", "Example:", "  mica policy graph network-service.pipeline -o net.dot",
            "  dot -Tsvg net.dot -o net.svg"})
final class GraphCommand extends PolicySubcommand {
    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
    private Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.dot", description = "Where to write the graph.")
    private Path output;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = printer();
        Optional<LoadedPipeline> pipeline = InputFiles.completePipeline(file, printer);
        if (pipeline.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        String title = pipeline.get().file().title().map(Located::value).orElse(file.getFileName().toString());
        String dot = DotWriter.write(title, FlowGraphBuilder.build(pipeline.get().realms()));
        if (!InputFiles.write(output, dot.getBytes(StandardCharsets.UTF_8), printer)) {
            return PolicyCommand.INPUT_ERROR;
        }
        out().println(output + ": graph of " + pipeline.get().realms().size() + " realms");
        out().flush();
        return PolicyCommand.OK;
    }
}
