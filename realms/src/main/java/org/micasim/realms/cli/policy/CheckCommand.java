package org.micasim.realms.cli.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.flow.PipelineCheck;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.LoadedPipeline;
import org.micasim.policy.pipeline.PolicyUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mica policy check FILE...}: checks policies and pipelines. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check policy files and pipeline files. A policy gets every rule of the language; a pipeline",
            "additionally gets the RMM's cross-realm agreement rules (in upload order) and its flow assertions.",
            "Exit status 0 if there is no error, 2 otherwise; diagnostics go to standard error."
        },
        footer = {"", "Example:", "  mica policy check docs/policies/guard-railed/guard-railed.pipeline rnet.json"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy (starts with '{') or pipeline files.")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = new DiagnosticPrinter(spec.commandLine().getErr());
        boolean failed = false;
        for (Path file : files) {
            failed |= !checkOne(file, printer);
        }
        spec.commandLine().getOut().flush();
        return failed ? PolicyCommand.INPUT_ERROR : PolicyCommand.OK;
    }

    private boolean checkOne(Path file, DiagnosticPrinter printer) {
        Optional<SourceFile> source = InputFiles.readSource(file, printer);
        if (source.isEmpty()) {
            return false;
        }
        List<Diagnostic> diagnostics;
        Map<String, SourceFile> sources;
        String what;
        if (PolicyParser.looksLikePolicy(source.get().text())) {
            diagnostics = PolicyUnit.of(source.get()).diagnostics();
            sources = Map.of(source.get().name(), source.get());
            what = "policy";
        } else {
            Optional<LoadedPipeline> pipeline = InputFiles.pipeline(file, printer);
            if (pipeline.isEmpty()) {
                return false;
            }
            diagnostics = PipelineCheck.run(pipeline.get());
            sources = pipeline.get().sources();
            what = "pipeline of " + pipeline.get().realms().size() + " realms, "
                    + pipeline.get().file().assertions().size() + " assertions";
        }
        boolean error = printer.print(diagnostics, sources);
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        spec.commandLine().getOut().println(file + ": " + (error ? "FAILED" : "ok") + " (" + what + "; "
                + errors + " errors, " + warnings + " warnings)");
        return !error;
    }
}
