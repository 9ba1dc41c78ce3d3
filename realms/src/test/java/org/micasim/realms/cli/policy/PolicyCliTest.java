package org.micasim.realms.cli.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.realms.cli.MicaMain;
import picocli.CommandLine;

/** Drives {@code mica policy ...} through picocli, on the published files under docs/policies. */
class PolicyCliTest {
    private static final Path DOCS = Path.of("..", "docs", "policies");
    private static final Path NET = DOCS.resolve("network-service");
    private static final Path GUARD = DOCS.resolve("guard-railed");

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {}

    private static Run mica(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MicaMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void check_publishedPipelinesAndPolicies_exitZero() {
        Run r = mica("policy", "check", NET.resolve("network-service.pipeline").toString(),
                GUARD.resolve("guard-railed.pipeline").toString(), GUARD.resolve("guard-railed-hardened.pipeline").toString(),
                NET.resolve("rnet.json").toString());
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertTrue(r.out().contains("network-service.pipeline: ok (pipeline of 2 realms, 2 assertions; 0 errors, 0 warnings)"), r.out());
        assertTrue(r.out().contains("rnet.json: ok (policy; 0 errors, 0 warnings)"), r.out());
    }

    @Test
    void check_inconsistentPipeline_exit2WithEachDisagreementOnStderr() {
        Path file = GUARD.resolve("guard-railed-inconsistent.pipeline");
        Run r = mica("policy", "check", file.toString());
        assertEquals(2, r.status());
        String f = file + ":";
        assertTrue(r.err().startsWith(f + "27:13: error: size 0x3000 of Mem1 in realm rf disagrees with size 0x2000 in"
                + " realm rg (" + f + "11:13)\n    \"size\": 0x3000,\n            ^\n"), r.err());
        assertEquals(5, r.err().lines().filter(l -> l.contains(": error: ")).count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.out().contains("FAILED"), r.out());
    }

    @Test
    void check_policyWithErrors_printsPositionsAndExit2() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\n  \"Self\": \"VM9\",\n  \"VM1\": { \"hash\": 0x1 },\n  \"Mem1\": { \"size\": 0x1800,"
                + " \"type\": \"PROTECTED\", \"mappings\": { \"VM1\": { \"gpa\": 0x0, \"prot\": \"RW\" } } }\n}\n");
        Run r = mica("policy", "check", bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains(bad + ":2:11: error: \"Self\" names undeclared VM \"VM9\""), r.err());
        assertTrue(r.err().contains(bad + ":4:21: error: size 0x1800 of Mem1 is not a positive multiple of 4 KiB (0x1000)"), r.err());
    }

    @Test
    void check_missingFile_exit2WithoutStackTrace() {
        Run r = mica("policy", "check", tmp.resolve("nope.json").toString());
        assertEquals(2, r.status());
        assertEquals(tmp.resolve("nope.json") + ": error: cannot read file: no such file\n", r.err());
    }

    @Test
    void check_emptyJsonFile_isAPolicyWithASyntaxError() throws IOException {
        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "");
        Run r = mica("policy", "check", empty.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith(empty + ":1:1: error: expected '{' but found end of file"), r.err());
    }

    @Test
    void compileThenDecompile_roundTripsTheBytes() throws IOException {
        Path bin = tmp.resolve("ra.bin");
        Run c = mica("policy", "compile", NET.resolve("ra.json").toString(), "-o", bin.toString());
        assertEquals(0, c.status(), c.err());
        assertEquals(bin + ": 112 bytes (POLY v1)\n", c.out());
        Run d = mica("policy", "decompile", bin.toString());
        assertEquals(0, d.status(), d.err());
        assertTrue(d.out().contains("\"CF1\": {\n    \"owner\": \"VM1\",\n    \"type\": \"CALL\",\n    \"range\": [0x23],"), d.out());
        Path src = tmp.resolve("ra2.json");
        Files.writeString(src, d.out());
        Path bin2 = tmp.resolve("ra2.bin");
        assertEquals(0, mica("policy", "compile", src.toString(), "-o", bin2.toString()).status());
        assertArrayEquals(Files.readAllBytes(bin), Files.readAllBytes(bin2));
    }

    @Test
    void compile_policyWithError_writesNothingAndExit2() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{ \"Self\": \"VM1\", \"VM1\": { \"hash\": 0x1 }, }");
        Path bin = tmp.resolve("bad.bin");
        Run r = mica("policy", "compile", bad.toString(), "-o", bin.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith(bad + ":1:42: error: expected a string but found '}'"), r.err());
        assertFalse(Files.exists(bin));
    }

    @Test
    void decompile_garbage_exit2WithOffset() throws IOException {
        Path bin = tmp.resolve("junk.bin");
        Files.write(bin, "hello, world, not a policy".getBytes(StandardCharsets.US_ASCII));
        Run r = mica("policy", "decompile", bin.toString());
        assertEquals(2, r.status());
        assertEquals(bin + ": error: not a POLY v1 payload: byte 0: magic is 0x6c6c6568, expected 0x504f4c59 (\"POLY\")\n", r.err());
    }

    @Test
    void flows_networkService_listsTheGatewayPathToTheHost() {
        Run r = mica("policy", "flows", NET.resolve("network-service.pipeline").toString(), "--from", "ra", "--to", "HOST");
        assertEquals(0, r.status(), r.err());
        assertEquals("  ra -> HOST:\n    ra -[Mem1]-> rnet -[gateway]-> HOST\n", r.out());
    }

    @Test
    void flows_everything_listsEachRealm() {
        Run r = mica("policy", "flows", NET.resolve("network-service.pipeline").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("rnet can reach: ra, HOST\n"), r.out());
        assertTrue(r.out().contains("ra can reach: rnet, HOST\n"), r.out());
    }

    @Test
    void flows_unknownEndpoint_exit2() {
        Run r = mica("policy", "flows", NET.resolve("network-service.pipeline").toString(), "--from", "nobody");
        assertEquals(2, r.status());
        assertEquals("--from: error: unknown realm or VM nobody; the pipeline has rnet, ra, HOST\n", r.err());
    }

    @Test
    void graph_writesDot() throws IOException {
        Path dot = tmp.resolve("net.dot");
        Run r = mica("policy", "graph", NET.resolve("network-service.pipeline").toString(), "-o", dot.toString());
        assertEquals(0, r.status(), r.err());
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph \"network-service\" {\n"), text);
        assertTrue(text.contains("\"rnet\" -> \"ra\" [label=\"Mem1\", dir=both];"), text);
        assertTrue(text.contains("\"rnet\" -> \"HOST\" [label=\"gateway\", dir=both, style=dashed, color=darkorange];"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "compile", "decompile", "graph", "flows"})
    void help_showsAnExample(String command) {
        Run r = mica("policy", command, "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Example:\n  mica policy " + command), r.out());
    }
}
