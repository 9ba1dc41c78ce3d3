package org.micasim.realms.cli.policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        mixinStandardHelpOptions = true,
        description = {
            "Print a POLY v1 payload as canonical policy source (for instance a policy blob from a group",
            "attestation report). Compiling the output gives back the same bytes. Trailing zero bytes",
            "(a whole granule) are accepted."
        },
        footer = {"", "Example:", "  mica policy decompile rnet.bin"})
final class DecompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.bin", description = "The payload.")
    private Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Write the source here instead of standard output.")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DiagnosticPrinter printer = new DiagnosticPrinter(spec.commandLine().getErr());
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
            spec.commandLine().getOut().print(source);
            spec.commandLine().getOut().flush();
            return PolicyCommand.OK;
        }
        return InputFiles.write(output, source.getBytes(StandardCharsets.UTF_8), printer)
                ? PolicyCommand.OK
                : PolicyCommand.INPUT_ERROR;
    }
}
