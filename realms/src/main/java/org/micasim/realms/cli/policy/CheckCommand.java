package org.micasim.realms.cli.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.flow.PipelineCheck;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.LoadedPipeline;
import org.micasim.policy.pipeline.PipelineLoader;
import org.micasim.policy.pipeline.PolicyUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mica policy check FILE...}: checks policies and pipelines. */
@Command(
        name = "check",
        description = {
            "Check policies and pipelines.",
            "",
            "A file is a policy if it starts with '{' or its name ends with .json, otherwise a pipeline. A policy"
                + " gets every rule of the language; a pipeline additionally gets the RMM's cross-realm agreement"
                + " rules (in upload order) and its flow assertions. Exit status 0 if there is no error, 2 otherwise;"
                + " diagnostics go to standard error."
        },
        footer = {"", "Example:", "  mica policy check docs/policies/guard-railed/guard-railed.pipeline rnet.json"})
final class CheckCommand extends PolicySubcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy (starts with '{') or pipeline files.")
    private List<Path> files;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = printer();
        boolean failed = false;
        for (Path file : files) {
            failed |= !checkOne(file, printer);
        }
        out().flush();
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
        if (PolicyParser.looksLikePolicy(source.get().text()) || file.toString().endsWith(".json")) {
            diagnostics = PolicyUnit.of(source.get()).diagnostics();
            sources = Map.of(source.get().name(), source.get());
            what = "policy";
        } else {
            Path dir = file.toAbsolutePath().getParent();
            Optional<LoadedPipeline> pipeline = PipelineLoader.load(source.get(), dir, file.getParent());
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
        out().println(file + ": " + (error ? "FAILED" : "ok") + " (" + what + "; "
                + errors + " errors, " + warnings + " warnings)");
        return !error;
    }
}
