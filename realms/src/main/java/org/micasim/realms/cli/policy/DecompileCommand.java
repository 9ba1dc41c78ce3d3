package org.micasim.realms.cli.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.micasim.policy.codec.Decompiler;
import org.micasim.policy.codec.MalformedPolicyException;
import org.micasim.policy.codec.PolyDecoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mica policy decompile OUT.bin}: prints a POLY v1 payload as canonical policy source. */
@Command(
        name = "decompile",
        description = {
            "Print a POLY v1 payload as canonical policy source.",
            "",
            "For instance a policy blob from a group attestation report. Compiling the output gives back the same"
                + " bytes. Trailing zero bytes (a whole granule) are accepted."
        },
        footer = {"", "Example:", "  mica policy decompile rnet.bin"})
final class DecompileCommand extends PolicySubcommand {
    @Parameters(index = "0", paramLabel = "FILE.bin", description = "The payload.")
    private Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Write the source here instead of standard output.")
    private Path output;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = printer();
        Optional<byte[]> bytes = InputFiles.readBytes(file, printer);
        if (bytes.isEmpty()) {
            return PolicyCommand.INPUT_ERROR;
        }
        String source;
        try {
            source = Decompiler.toSource(PolyDecoder.decode(bytes.get()));
        } catch (MalformedPolicyException e) {
            printer.fileError(file.toString(), "not a POLY v1 payload: " + e.getMessage());
            return PolicyCommand.INPUT_ERROR;
        }
        if (output == null) {
            out().print(source);
            out().flush();
            return PolicyCommand.OK;
        }
        return InputFiles.write(output, source.getBytes(StandardCharsets.UTF_8), printer)
                ? PolicyCommand.OK
                : PolicyCommand.INPUT_ERROR;
    }
}
