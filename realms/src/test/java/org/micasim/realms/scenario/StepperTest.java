package org.micasim.realms.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.micasim.realms.workload.WorkloadCatalog;

/** Drives the stepper, as a command file does, through the creation and first runs of a realm. */
class StepperTest {
    private final WorkloadCatalog catalog = new WorkloadCatalog();
    private final StringWriter text = new StringWriter();
    private int mark;

    private String run(Stepper s, String command) {
        s.execute(command);
        String all = text.toString();
        String out = all.substring(mark);
        mark = all.length();
        return out;
    }

    private Stepper stepper() throws Exception {
        Scenario sc = ScenarioRunTest.small(new ScenarioLoader(new ScenarioChecker(catalog)).loadBundled("network-service"));
        return new Stepper(sc, catalog, new PrintWriter(text, true));
    }

    @Test
    void realmCreation_showsGpiRttStatesAndRecExits() throws Exception {
        Stepper s = stepper();
        assertTrue(run(s, "break RMI_DATA_CREATE").contains("breakpoint at RMI_DATA_CREATE"));
        String stop = run(s, "continue");
        Matcher m = Pattern.compile("host calls RMI_DATA_CREATE x1=0x([0-9a-f]+) x2=0x([0-9a-f]+) x3=0x([0-9a-f]+)").matcher(stop);
        assertTrue(m.find(), stop);
        String rd = "0x" + m.group(1);
        String data = "0x" + m.group(2);
        String ipa = "0x" + m.group(3);
        assertEquals("0x0", ipa, "the image's first granule goes to IPA 0");

        assertTrue(run(s, "gpt " + data).contains("GPI 0xb REALM"), "the data granule was delegated");
        assertTrue(run(s, "granule " + data).contains(": DELEGATED, GPI 0xb REALM"));
        assertTrue(run(s, "gpt " + rd).contains("GPI 0xb REALM"));
        assertTrue(run(s, "granule " + rd).contains(": RD, GPI 0xb REALM"));
        String before = run(s, "rtt " + rd + " " + ipa);
        assertTrue(before.contains("L3 RTT"), before);
        assertTrue(before.matches("(?s).*L3 RTT 0x[0-9a-f]+ \\[  0\\] = 0x[0-9a-f]+  UNASSIGNED RIPAS EMPTY.*"), before);

        assertTrue(run(s, "next").contains("RMI_DATA_CREATE returns RMI_SUCCESS"));
        String after = run(s, "rtt " + rd + " " + ipa);
        assertTrue(after.contains("ASSIGNED RIPAS RAM PA " + data + " S2AP RW, GPI 0xb REALM"), after);
        assertTrue(run(s, "granule " + data).contains(": DATA, GPI 0xb REALM"));
        String meas = run(s, "measurements " + rd);
        assertTrue(meas.contains("RIM "), meas);

        assertTrue(run(s, "clear RMI_DATA_CREATE").contains("cleared RMI_DATA_CREATE"));
        assertTrue(run(s, "break RMI_REC_ENTER").contains("breakpoint"));
        assertTrue(run(s, "continue").contains("host calls RMI_REC_ENTER"));
        String first = run(s, "next");
        assertTrue(first.contains("RMI_REC_ENTER returns RMI_SUCCESS, REC exit RMI_EXIT_SYNC esr=0x92"),
                "the realm's first store faults on an unpopulated RAM granule (data abort, EC 0x24): " + first);
        StringBuilder path = new StringBuilder();
        String line = "";
        for (int i = 0; i < 20 && !line.contains("RSI_UPLOAD_POLICY"); i++) {
            line = run(s, "next");
            path.append(line);
        }
        assertTrue(line.contains("realm rnet REC 0 calls RSI_UPLOAD_POLICY"), path.toString());
        assertTrue(path.toString().contains("host calls RMI_DATA_CREATE_UNKNOWN "), "the host populated the faulting granule: " + path);
        String rtt = run(s, "rtt rnet 0x18000000000");
        assertTrue(rtt.contains("S2AP R,") && rtt.contains("ASSIGNED RIPAS RAM"), "before upload the channel maps the dummy page read-only: " + rtt);
        StringBuilder toHost = new StringBuilder();
        line = "";
        for (int i = 0; i < 20 && !line.contains("REC exit RMI_EXIT_HOST_CALL"); i++) {
            line = run(s, "next");
            toHost.append(line);
        }
        assertTrue(toHost.toString().contains("realm rnet REC 0 calls RSI_HOST_CALL"), toHost.toString());
        assertTrue(line.contains("RMI_REC_ENTER returns RMI_SUCCESS, REC exit RMI_EXIT_HOST_CALL"), toHost.toString());
        String active = run(s, "rtt rnet 0x18000000000");
        assertTrue(active.contains("S2AP RW,"), "after upload the channel maps the shared page read-write: " + active);
        assertTrue(run(s, "policy rnet").contains("uploaded and active"));
        assertTrue(run(s, "sgt").contains("realm rnet"));
        assertTrue(run(s, "rec rnet 0").contains("X0 "));
        assertTrue(run(s, "tlb").contains("PE0 TLB"));
        assertFalse(s.finished());
        s.finish();
        assertTrue(s.finished());
        assertTrue(text.toString().contains("run ended: ok"), text.toString().substring(mark));
    }

    @Test
    void badCommands_giveOneLineAndChangeNothing() throws Exception {
        Stepper s = stepper();
        assertTrue(run(s, "gpt 0x1000").contains("the run has not started"));
        assertTrue(run(s, "break RMI_NOPE").contains("no RMI or RSI command called RMI_NOPE"));
        assertTrue(run(s, "frobnicate").contains("unknown command 'frobnicate'"));
        assertTrue(run(s, "next").contains("host calls"));
        assertTrue(run(s, "rtt nobody 0x0").contains("no realm nobody"));
        assertTrue(run(s, "gpt zz").contains("'zz' is not a number"));
        assertFalse(s.execute("quit"));
    }
}
