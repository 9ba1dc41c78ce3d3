package org.micasim.realms.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micasim.realms.cli.MicaMain;
import picocli.CommandLine;

class PaperCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MicaMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void badOptionsExitTwoWithOneMessageAndNoStackTrace() {
        assertEquals(2, run("bench", "paper", "--rounds", "0"));
        assertTrue(err.toString().contains("--rounds must be at least 1"), err.toString());
        assertEquals(2, run("bench", "paper", "--cases", "four"));
        assertTrue(err.toString().contains("no case 'four'"), err.toString());
        assertTrue(!err.toString().contains("Exception"), err.toString());
    }

    @Test
    void writesJsonAndSvg(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path svg = dir.resolve("r.svg");
        assertEquals(0, run("bench", "paper", "--cases", "one", "--sizes", "65536", "--rounds", "1",
                "--json", json.toString(), "--svg", svg.toString()), err.toString());
        String j = Files.readString(json);
        assertTrue(j.contains("\"attestation\"") && j.contains("\"pingPong\"") && j.contains("\"aes-ctr-hmac\""), j);
        assertTrue(Files.readString(svg).startsWith("<svg "));
        assertTrue(out.toString().contains("case one"), out.toString());
    }
}
