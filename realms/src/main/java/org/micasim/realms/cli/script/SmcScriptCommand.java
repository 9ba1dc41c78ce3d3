package org.micasim.realms.cli.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.micasim.realms.cli.InvariantOption;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.simulator.machine.Machine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mica smc-script FILE}: replays an SMC script on a freshly booted default platform. */
@Command(
        name = "smc-script",
        description = {
            "Replay a line-oriented SMC script on a freshly booted default platform, as the Non-secure host.",
            "Exit status: 0 every expect held; 1 an expect failed or a Non-secure access faulted;"
                    + " 2 the script is malformed or unreadable (nothing runs); 3 the simulator failed internally;"
                    + " 4 an invariant was violated (--check-invariants).",
            "Syntax reference: docs/smc-script.md"
        })
public final class SmcScriptCommand implements Callable<Integer> {
    /** Every expect held. */
    public static final int EXIT_PASSED = 0;
    /** An expect did not hold, or a Non-secure access faulted. */
    public static final int EXIT_FAILED = 1;
    /** The script is malformed or cannot be read; nothing ran. */
    public static final int EXIT_MALFORMED = 2;
    /** The simulator itself failed: a bug to report, not a property of the script. */
    public static final int EXIT_INTERNAL_ERROR = 3;
    /** With {@code --check-invariants}: an SMC left the RMM with a broken invariant; the script stopped there. */
    public static final int EXIT_INVARIANT_VIOLATED = InvariantOption.EXIT_VIOLATED;

    /** Diagnostics beyond this many are counted, not printed, so a binary file does not flood the terminal. */
    static final int MAX_DIAGNOSTICS_SHOWN = 20;

    private final Supplier<DefaultPlatform> platform;
    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the script to run, or - for standard input")
    private String file;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = {"-k", "--keep-going"},
            description = "run on after a failed expect or faulting access (the exit status is still 1)")
    private boolean keepGoing;

    @Mixin
    private InvariantOption invariants;

    /** The command as {@code mica} runs it: a fresh default platform, the script from FILE or standard input. */
    public SmcScriptCommand() {
        this(() -> DefaultPlatform.builder().attestation(DefaultPlatform.DEFAULT_SEED), System.in);
    }

    /**
     * @param platform the platform the script runs on, configured but not booted (called once, only for a
     *                 well-formed script); {@code --check-invariants} adds its checks before it boots
     * @param stdin    what FILE {@code -} reads
     */
    SmcScriptCommand(Supplier<DefaultPlatform> platform, InputStream stdin) {
        this.platform = platform;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = file.equals("-") ? "<stdin>" : file;
        String text;
        try {
            text = read();
        } catch (NoSuchFileException | InvalidPathException e) {
            err.println("mica smc-script: " + name + ": no such file");
            return EXIT_MALFORMED;
        } catch (AccessDeniedException e) {
            err.println("mica smc-script: " + name + ": permission denied");
            return EXIT_MALFORMED;
        } catch (IOException e) {
            err.println("mica smc-script: " + name + ": cannot read: " + e.getMessage());
            return EXIT_MALFORMED;
        }
        ParseResult parsed = ScriptParser.parse(name, text);
        if (parsed.script().isEmpty()) {
            List<ScriptDiagnostic> diagnostics = parsed.diagnostics();
            diagnostics.stream().limit(MAX_DIAGNOSTICS_SHOWN).forEach(d -> err.println(d.render()));
            if (diagnostics.size() > MAX_DIAGNOSTICS_SHOWN) {
                err.println(name + ": " + (diagnostics.size() - MAX_DIAGNOSTICS_SHOWN) + " more malformed lines");
            }
            err.flush();
            return EXIT_MALFORMED;
        }
        try (Machine machine = invariants.apply(platform.get()).build()) {
            List<ScriptFailure> failures = new ScriptExecutor(machine.host(0), out, err)
                    .run(parsed.script().get(), keepGoing);
            invariants.summary(out, err);
            return failures.isEmpty() ? EXIT_PASSED : EXIT_FAILED;
        } catch (InvariantViolation v) {
            return invariants.violated(out, err, "", v);
        } catch (RuntimeException e) {
            out.flush();
            err.println("mica smc-script: " + name + ": internal simulator error (please report it with the script): "
                    + e);
            err.flush();
            return EXIT_INTERNAL_ERROR;
        }
    }

    private String read() throws IOException {
        if (file.equals("-")) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        // Bytes that are not UTF-8 become U+FFFD and are then reported by the parser with their column.
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }
}
