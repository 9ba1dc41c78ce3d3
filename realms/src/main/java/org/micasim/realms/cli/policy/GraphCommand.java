package org.micasim.realms.cli.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        mixinStandardHelpOptions = true,
        description = {
            "Write a pipeline's information-flow graph as Graphviz DOT: realms are nodes (gateways with a",
            "double orange border), the untrusted host is a red octagon, and each memory object, gateway",
            "link or allowed control transfer is an edge pointing the way data flows.",
            "Every realm's policy must be free of errors (exit status 2 otherwise)."
        },
        footer = {"", "Example:", "  mica policy graph docs/policies/network-service/network-service.pipeline -o net.dot",
            "  dot -Tsvg net.dot -o net.svg"})
final class GraphCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
    private Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.dot", description = "Where to write the graph.")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = new DiagnosticPrinter(spec.commandLine().getErr());
        Optional<LoadedPipeline> pipeline = InputFiles.pipeline(file, printer);
        if (pipeline.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        printer.print(pipeline.get().diagnostics(), pipeline.get().sources());
        if (!pipeline.get().complete()) {
            return PolicyCommand.INPUT_ERROR;
        }
        String title = pipeline.get().file().title().map(Located::value).orElse(file.getFileName().toString());
        String dot = DotWriter.write(title, FlowGraphBuilder.build(pipeline.get().realms()));
        if (!InputFiles.write(output, dot.getBytes(StandardCharsets.UTF_8), printer)) {
            return PolicyCommand.INPUT_ERROR;
        }
        spec.commandLine().getOut().println(output + ": graph of " + pipeline.get().realms().size() + " realms");
        spec.commandLine().getOut().flush();
        return PolicyCommand.OK;
    }
}
