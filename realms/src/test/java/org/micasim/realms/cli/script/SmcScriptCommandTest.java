package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micasim.realms.cli.MicaMain;
import org.micasim.realms.platform.DefaultPlatform;
import picocli.CommandLine;

/** The command's contract: exit statuses, where messages go, and that a malformed script boots nothing. */
class SmcScriptCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int boots;

    /** The platform without its attestation root (quick to boot): enough for the memory commands and for counting boots. */
    private final Supplier<DefaultPlatform> quickPlatform = () -> {
        boots++;
        return DefaultPlatform.builder();
    };

    private int run(Supplier<DefaultPlatform> platform, InputStream stdin, String... args) {
        CommandLine cl = new CommandLine(new SmcScriptCommand(platform, stdin));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int run(String... args) {
        return run(quickPlatform, InputStream.nullInputStream(), args);
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String lines(StringWriter w) {
        return w.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void passingScriptExitsZeroWithNoMessages() throws IOException {
        Path p = script("ok.smc", "write 0x88000000 2a\nexpect-mem 0x88000000 2a\n");
        assertEquals(0, run(p.toString()));
        assertEquals("", lines(out) + lines(err));
    }

    @Test
    void failedExpectationExitsOneWithFileAndLine() throws IOException {
        Path p = script("bad.smc", "# a comment\nexpect-mem 0x88000000 2a\nwrite 0x88000000 2a\n");
        assertEquals(1, run(p.toString()));
        assertEquals(p + ":2: expected 2a at PA 0x88000000, got 00 (first difference at PA 0x88000000)\n", lines(err));
    }

    @Test
    void malformedScriptExitsTwoAndBootsNothing() throws IOException {
        Path p = script("m.smc", "write 0x88000000 2a\nexpect-mem 0x88000000 2\nfrob\n");
        assertEquals(2, run(p.toString()));
        assertEquals(0, boots, "a malformed script must not run");
        assertEquals(p + ":2:23: odd number of hex digits in '2'; expected two digits per byte\n"
                + p + ":3:1: unknown command 'frob'; expected let, smc, expect, realm-params, rec-params, write,"
                + " expect-mem or expect-fault\n", lines(err));
        assertEquals("", lines(out));
    }

    @Test
    void manyDiagnosticsAreCappedWithACount() throws IOException {
        Path p = script("many.smc", "x\n".repeat(25));
        assertEquals(2, run(p.toString()));
        String[] messages = lines(err).split("\n");
        assertEquals(SmcScriptCommand.MAX_DIAGNOSTICS_SHOWN + 1, messages.length);
        assertEquals(p + ": 5 more malformed lines", messages[messages.length - 1]);
    }

    @Test
    void missingFileExitsTwoWithAClearMessage() {
        assertEquals(2, run(dir.resolve("nope.smc").toString()));
        assertEquals("mica smc-script: " + dir.resolve("nope.smc") + ": no such file\n", lines(err));
        assertEquals(0, boots);
    }

    @Test
    void directoryExitsTwo() {
        assertEquals(2, run(dir.toString()));
        assertEquals("mica smc-script: " + dir + ": cannot read: is a directory\n", lines(err));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirColumn() throws IOException {
        Path p = dir.resolve("bin.smc");
        Files.write(p, new byte[] {'w', 'r', 'i', 't', 'e', ' ', '1', ' ', (byte) 0xff, '\n'});
        assertEquals(2, run(p.toString()));
        assertEquals(p + ":1:9: expected a hex digit in HEXBYTES '\\ufffd', got '\\ufffd'\n", lines(err));
    }

    @Test
    void dashReadsStandardInput() {
        InputStream stdin = new ByteArrayInputStream("expect-mem 0x88000000 01\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, run(quickPlatform, stdin, "-"));
        assertEquals("<stdin>:1: expected 01 at PA 0x88000000, got 00 (first difference at PA 0x88000000)\n",
                lines(err));
    }

    @Test
    void keepGoingRunsPastTheFirstFailure() throws IOException {
        Path p = script("k.smc", "expect-mem 0x88000000 01\nexpect-mem 0x88000000 02\n");
        assertEquals(1, run("--keep-going", p.toString()));
        assertEquals(2, lines(err).split("\n").length);
    }

    @Test
    void internalErrorsExitThreeWithoutAStackTrace() throws IOException {
        Path p = script("ok.smc", "write 0x88000000 2a\n");
        assertEquals(3, run(() -> {
            throw new IllegalStateException("no platform");
        }, InputStream.nullInputStream(), p.toString()));
        assertEquals("mica smc-script: " + p + ": internal simulator error (please report it with the script):"
                + " java.lang.IllegalStateException: no platform\n", lines(err));
        assertFalse(lines(err).contains("\tat "));
    }

    @Test
    void registeredInMicaWithUsageErrorsExitingTwo() {
        CommandLine mica = MicaMain.commandLine();
        assertTrue(mica.getSubcommands().containsKey("smc-script"));
        mica.setErr(new PrintWriter(err, true));
        assertEquals(2, mica.execute("smc-script"));
        assertTrue(lines(err).startsWith("Missing required parameter: 'FILE'"), lines(err));
    }
}
