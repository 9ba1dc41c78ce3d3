package org.micasim.realms.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.micasim.realms.cli.MicaMain;
import picocli.CommandLine;

class FuzzCommandTest {
    private record Run(int status, String out, String err) {
    }

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
    void aCleanRunPrintsItsTotalsAndExitsZero() {
        Run r = mica("fuzz", "--sequences", "2", "--calls", "100", "--seed", "4");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("sequences run:              2"), r.out());
        assertTrue(r.out().contains("RMI calls 200"), r.out());
        assertTrue(r.out().contains("invariant violations:       0"), r.out());
        assertTrue(r.out().contains("undefined outcomes:         0"), r.out());
        assertTrue(r.out().contains("RMI_GRANULE_DELEGATE"), r.out());
    }

    @Test
    void theSameSeedGivesTheSameTotals() {
        String a = mica("fuzz", "--sequences", "1", "--calls", "150", "--seed", "8").out();
        String b = mica("fuzz", "--sequences", "1", "--calls", "150", "--seed", "8").out();
        assertEquals(a.replaceAll("time: .*", ""), b.replaceAll("time: .*", ""));
    }

    @Test
    void badSizesAreAUsageError() {
        Run r = mica("fuzz", "--sequences", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--sequences and --calls must be at least 1"), r.err());
    }

    @Test
    void replayRunsAScriptWithTheInvariantsChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path ok = dir.resolve("ok.smc");
        java.nio.file.Files.writeString(ok, "smc RMI_GRANULE_DELEGATE 0x88000000\nexpect RMI_SUCCESS\n"
            + "smc RMI_GRANULE_UNDELEGATE 0x88000000\nexpect RMI_SUCCESS\n");
        Run r = mica("fuzz", "--replay", ok.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("every invariant held"), r.out());

        java.nio.file.Path bad = dir.resolve("bad.smc");
        java.nio.file.Files.writeString(bad, "smc RMI_GRANULE_DELEGATE\n");
        Run b = mica("fuzz", "--replay", bad.toString());
        assertEquals(2, b.status(), b.out() + b.err());
        assertTrue(b.err().contains("bad.smc:1:"), b.err());
    }
}
