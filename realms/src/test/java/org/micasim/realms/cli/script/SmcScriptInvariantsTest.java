package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.realms.fuzz.MutantFirmware;
import org.micasim.realms.platform.DefaultPlatform;
import picocli.CommandLine;

/**
 * {@code mica smc-script --check-invariants}: every example of docs/scripts prints the same standard output
 * and exits with the same status as without the option (so the recorded transcripts hold), plus one summary
 * line on standard error; on the fuzzer self-test's RMM whose DATA_DESTROY does not scrub, the example that
 * tears a realm down stops at that DATA_DESTROY with exit status 4, naming FILE:LINE, the call and the
 * broken invariant.
 */
class SmcScriptInvariantsTest {
    private static final Pattern SUMMARY = Pattern.compile("invariants: checked after (\\d+) calls, 0 violations\n");

    /** What one run printed and returned. */
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(Supplier<DefaultPlatform> platform, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SmcScriptCommand(platform, InputStream.nullInputStream()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Outcome(status, out.toString().replace(System.lineSeparator(), "\n"),
            err.toString().replace(System.lineSeparator(), "\n"));
    }

    private static DefaultPlatform standard() {
        return DefaultPlatform.builder().attestation(DefaultPlatform.DEFAULT_SEED);
    }

    static List<String> scripts() throws IOException {
        return ExampleScriptsTest.scripts();
    }

    private static Path example(String name) {
        return ExampleScriptsTest.repositoryRoot().resolve("docs/scripts").resolve(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void anExampleRunsAsWithoutTheOptionPlusASummary(String name) {
        String script = example(name).toString();
        Outcome plain = run(SmcScriptInvariantsTest::standard, script);
        Outcome checked = run(SmcScriptInvariantsTest::standard, "--check-invariants", script);
        assertEquals(plain.status(), checked.status(), name + ": " + checked.err());
        assertEquals(plain.out(), checked.out(), name + ": standard output must not change");
        if (plain.status() == SmcScriptCommand.EXIT_MALFORMED) {
            assertEquals(plain.err(), checked.err(), name + ": nothing ran, nothing was checked");
            return;
        }
        assertTrue(checked.err().startsWith(plain.err()), checked.err());
        Matcher m = SUMMARY.matcher(checked.err().substring(plain.err().length()));
        assertTrue(m.matches(), name + ": one summary line after the script's own messages: " + checked.err());
        assertTrue(Long.parseLong(m.group(1)) > 0, name + ": " + checked.err());
    }

    @Test
    void aDataDestroyThatDoesNotScrubStopsTheScriptAtItsLine() {
        Path script = example("create-realm.smc");
        Outcome o = run(() -> standard().firmware(
            rmm -> new MutantFirmware(rmm, MutantFirmware.Mutation.DATA_DESTROY_WITHOUT_SCRUB)),
            "--check-invariants", script.toString());
        assertEquals(SmcScriptCommand.EXIT_INVARIANT_VIOLATED, o.status(), o.err());
        assertEquals(4, o.status(), "the exit status the documentation gives");
        assertEquals(script + ":53: invariant violated after RMI_DATA_DESTROY(0x88001000, 0x0) -> RMI_SUCCESS:\n"
            + "  delegated-zero: DELEGATED granule 0x88005000 holds non-zero bytes\n", o.err());
        assertTrue(o.out().endsWith("RMI_REALM_DESTROY(0x88001000) -> RMI_ERROR_REALM\n"),
            "the script stops at the DATA_DESTROY: " + o.out());
        assertFalse(o.err().contains("\tat "));
    }
}
