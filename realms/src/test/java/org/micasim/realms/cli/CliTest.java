package org.micasim.realms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mica(String... args) {
        CommandLine cl = MicaMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown scenario       | run no-such-scenario                        | mica run: no bundled scenario or file called 'no-such-scenario'
            unknown flag           | run --bogus                                 | Unknown option: '--bogus'
            bad --set              | run network-service --set ra.nope=1         | mica run: --set ra.nope=1: realm ra (program net-client) has no parameter 'nope'
            bad --set syntax       | run network-service --set ra                | mica run: --set ra: expected REALM.PARAM=N
            bad mode               | run --mode rot13                            | mica run: --mode rot13: must be one of mica, aes-ctr-hmac, aes-cbc-hmac
            bad seed               | run --seed many                             | Invalid value for option '--seed'
            unknown show           | scenarios --show nope                       | mica scenarios: no bundled scenario called 'nope'
            missing commands file  | step network-service --commands /nonexistent/cmds | mica step: /nonexistent/cmds: no such file
            attest unknown         | attest nope                                 | mica attest: no bundled scenario or file called 'nope'
            missing profile        | run network-service --profile /nonexistent.json | mica run: bundled:network-service: profile: cannot read '/nonexistent.json'
            """)
    void badInput_exits2WithOneMessage(String what, String args, String message) {
        int rc = mica(args.trim().split("\\s+"));
        assertEquals(2, rc, what + ": " + err);
        assertTrue(err.toString().contains(message), what + ": " + err);
        assertFalse(err.toString().contains("\tat "), what + ": no stack trace: " + err);
    }

    @Test
    void badScenarioFile_namesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"name\": \"x\",\n  \"realms\": [ { \"nam\": \"a\" } ]\n}\n");
        assertEquals(2, mica("run", f.toString()));
        assertTrue(err.toString().startsWith("mica run: " + f + ":3:"), err.toString());
        assertTrue(err.toString().contains("unknown field 'nam' at realms[0]"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void scenarios_listsEveryBundledOneAndMarksTheDefault() {
        assertEquals(0, mica("scenarios"));
        assertTrue(out.toString().startsWith("* guard-railed-inference"), out.toString());
        for (String n : new String[] {"network-service ", "video-moderation ", "agentic ", "network-service-tamper "}) {
            assertTrue(out.toString().contains(n), n);
        }
    }

    @Test
    void runJson_isOneDocumentPerRun() throws Exception {
        assertEquals(0, mica("run", "network-service", "--set", "ra.packets=2", "--set", "rnet.packets=2", "--json", "--no-baselines"));
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertEquals("network-service", n.get("scenario").asText());
        assertEquals("ok", n.get("result").asText());
        assertTrue(n.get("rmiCalls").get("RMI_REC_ENTER").asLong() > 0);
        assertTrue(n.get("channels").get("Mem1").get("bytes").asLong() > 0);
    }

    @Test
    void runWithTrace_writesTheFile(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("t.json");
        assertEquals(0, mica("run", "network-service", "--set", "ra.packets=2", "--set", "rnet.packets=2", "--no-baselines",
                "--trace", t.toString()));
        assertTrue(new ObjectMapper().readTree(t.toFile()).get("traceEvents").size() > 10);
        assertTrue(out.toString().contains("trace: " + t));
    }

    @Test
    void attest_writesTokenPoliciesChallengeAndKey(@TempDir Path dir) throws Exception {
        assertEquals(0, mica("attest", "network-service", "-o", dir.toString()), err.toString());
        assertTrue(Files.size(dir.resolve("group-token.cbor")) > 100);
        assertTrue(Files.exists(dir.resolve("policy-0-rnet.bin")));
        assertTrue(Files.exists(dir.resolve("policy-1-ra.bin")));
        assertEquals(64, Files.size(dir.resolve("challenge.bin")));
        assertTrue(Files.readString(dir.resolve("platform-key.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(out.toString().contains("group token accepted (2 members: rnet, ra)"), out.toString());
    }

    @Test
    void stepFromAFile_echoesCommandsAndFinishes(@TempDir Path dir) throws Exception {
        Path cmds = dir.resolve("c.txt");
        Files.writeString(cmds, "break RSI_UPLOAD_POLICY\ncontinue\nrtt rnet 0x18000000000\npolicy rnet\n");
        assertEquals(0, mica("step", "network-service", "--set", "ra.packets=2", "--set", "rnet.packets=2", "--commands", cmds.toString()));
        String o = out.toString();
        assertTrue(o.contains("> continue\n#"), o);
        assertTrue(o.contains("calls RSI_UPLOAD_POLICY"), o);
        assertTrue(o.contains("S2AP R,"), o);
        assertTrue(o.contains("realm rnet: policy not uploaded"), o);
        assertTrue(o.contains("run ended: ok"), o);
    }

    @Test
    void everyCommandsHelp_showsAnExample() {
        for (String c : new String[] {"run", "step", "scenarios", "attest"}) {
            StringWriter w = new StringWriter();
            CommandLine cl = MicaMain.commandLine();
            cl.setOut(new PrintWriter(w, true));
            assertEquals(0, cl.execute(c, "--help"));
            assertTrue(w.toString().contains("Example"), c + ": " + w);
        }
    }

    /** docs/walkthrough.md is built from this command file; it must keep running and showing the same story. */
    @Test
    void walkthroughCommandFile_stillTellsItsStory() {
        Path cmds = Path.of("..", "docs", "walkthrough.commands");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(cmds), "run from the realms module of a full checkout");
        assertEquals(0, mica("step", "network-service", "--set", "ra.packets=2", "--set", "rnet.packets=2", "--commands", cmds.toString()));
        String o = out.toString();
        assertTrue(o.contains("UNASSIGNED RIPAS EMPTY"), o);
        assertTrue(o.contains("ASSIGNED RIPAS RAM PA 0x90025000 S2AP R, GPI 0xb REALM"), "dummy page before upload: " + o);
        assertTrue(o.contains("PA 0x90048000  IPA 0x18000000000  realm rnet"), "SGT entry: " + o);
        assertTrue(o.contains("ASSIGNED RIPAS RAM PA 0x90048000 S2AP RW, GPI 0xb REALM"), "real page after upload: " + o);
        assertTrue(o.contains("REC exit RMI_EXIT_SYNC esr=0x92000007"), o);
        assertTrue(o.contains("calls RSI_ATTEST_TOKEN_INIT_GROUP"), o);
        assertTrue(o.contains("run ended: ok"), o);
    }
}
