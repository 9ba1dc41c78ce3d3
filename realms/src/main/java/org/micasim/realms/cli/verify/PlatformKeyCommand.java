package org.micasim.realms.cli.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.attestation.SimulatedPlatform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mica platform-key}: the simulated platform's public key (the key platform tokens are signed with), PEM. */
@Command(
        name = "platform-key",
        mixinStandardHelpOptions = true,
        description = {
            "Export the simulated platform's public key as PEM.",
            "The key is derived from a seed: the default platform ('mica smc-script') uses seed "
                + DefaultPlatform.DEFAULT_SEED + "; 'mica run', 'mica step' and 'mica attest' use the scenario's"
                + " seed (1 in the bundled scenarios, or --seed)."
        },
        footer = {"", "Example:", "  mica platform-key --seed 1 -o platform-key.pem"})
public final class PlatformKeyCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated platform (default: ${DEFAULT-VALUE}).")
    private long seed = DefaultPlatform.DEFAULT_SEED;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the PEM here instead of standard output.")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String pem = new SimulatedPlatform(seed).platformPublicKeyPem();
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(pem);
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        try {
            Files.writeString(output, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mica platform-key: cannot write " + output + ": " + VerifyInputs.reason(e));
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        out.println("wrote " + output + " (platform key of seed " + seed + ")");
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}
