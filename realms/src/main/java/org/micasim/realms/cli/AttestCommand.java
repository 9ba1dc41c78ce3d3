package org.micasim.realms.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.micasim.realms.scenario.GroupAttestation;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.workload.WorkloadCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mica attest}: builds a scenario's realms, uploads their policies, attests the group, writes the files. */
@Command(
        name = "attest",
        mixinStandardHelpOptions = true,
        description = {
            "Attest a scenario's realm group and write the token and policies to files.",
            "Build the scenario's realms, upload their policies in order and let the gateway attest the group;",
            "write the CCA group token, each member's policy image, the challenge and the platform key to DIR."
        },
        footer = {"", "Example:", "  mica attest network-service -o tokens/"})
final class AttestCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions options;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".", description = "Directory for the files (default: .).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GroupAttestation.Files files;
        try {
            Scenario s = options.load(new WorkloadCatalog());
            files = GroupAttestation.attest(s, new WorkloadCatalog());
        } catch (ScenarioException e) {
            err.println("mica attest: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (files.token() == null) {
            err.println("mica attest: " + files.summary());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        try {
            Files.createDirectories(out);
            write(o, out.resolve("group-token.cbor"), files.token());
            for (int i = 0; i < files.images().size(); i++) {
                write(o, out.resolve(String.format("policy-%d-%s.bin", i, files.members().get(i))), files.images().get(i));
            }
            write(o, out.resolve("challenge.bin"), files.challenge());
            write(o, out.resolve("platform-key.pem"), files.platformKeyPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            err.println("mica attest: cannot write to " + out + ": " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        o.println(files.summary());
        o.flush();
        return files.accepted() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static void write(PrintWriter o, Path p, byte[] b) throws IOException {
        Files.write(p, b);
        o.println("wrote " + p + " (" + b.length + " bytes)");
    }
}
