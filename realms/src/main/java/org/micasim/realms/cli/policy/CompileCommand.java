package org.micasim.realms.cli.policy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.micasim.policy.codec.PolyEncoder;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.PolicyUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mica policy compile FILE -o OUT.bin}: compiles a policy to its POLY v1 payload. */
@Command(
        name = "compile",
        description = {
            "Compile a policy to its POLY v1 payload.",
            "",
            "The payload is what a realm uploads with RSI_UPLOAD_POLICY. Nothing is written if the policy has an"
                + " error (exit status 2)."
        },
        footer = {"", "Example:", "  mica policy compile docs/policies/network-service/rnet.json -o rnet.bin"})
final class CompileCommand extends PolicySubcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The policy source.")
    private Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.bin", description = "Where to write the payload.")
    private Path output;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = printer();
        Optional<SourceFile> source = InputFiles.readSource(file, printer);
        if (source.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        PolicyUnit unit = PolicyUnit.of(source.get());
        printer.print(unit.diagnostics(), Map.of(source.get().name(), source.get()));
        if (unit.payload().isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        byte[] bytes = PolyEncoder.encode(unit.payload().get());
        if (!InputFiles.write(output, bytes, printer)) {
            return PolicyCommand.INPUT_ERROR;
        }
        out().println(output + ": " + bytes.length + " bytes (POLY v1)");
        out().flush();
        return PolicyCommand.OK;
    }
}
