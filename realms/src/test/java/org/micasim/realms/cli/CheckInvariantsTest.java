package org.micasim.realms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micasim.realms.fuzz.MutantFirmware;
import org.micasim.realms.platform.DefaultPlatform;
import picocli.CommandLine;

/**
 * {@code --check-invariants} on {@code mica run} and {@code mica step}: on the real RMM the output is the
 * same as without it plus one summary line on standard error; on a broken RMM (the fuzzer self-test's
 * mutant whose RTT_CREATE forgets the parent's reference) the run stops at the first RTT_CREATE with exit
 * status 4 and a message naming the call and the broken invariant.
 */
class CheckInvariantsTest {
    private static final String[] SMALL = {"network-service", "--set", "ra.packets=2", "--set", "rnet.packets=2"};
    private static final Pattern SUMMARY = Pattern.compile("invariants: checked after (\\d+) calls, 0 violations\n");
    private static final UnaryOperator<DefaultPlatform> BROKEN_RMM = p -> p.firmware(
        rmm -> new MutantFirmware(rmm, MutantFirmware.Mutation.RTT_CREATE_WITHOUT_PARENT_REFCOUNT));

    @TempDir
    Path dir;

    /** What one command printed and returned. */
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome execute(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Outcome(status, out.toString().replace(System.lineSeparator(), "\n"),
            err.toString().replace(System.lineSeparator(), "\n"));
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void assertCleanAndIdentical(Outcome plain, Outcome checked) {
        assertEquals(0, plain.status(), plain.err());
        assertEquals(0, checked.status(), checked.err());
        assertEquals(plain.out(), checked.out(), "standard output must not change");
        assertTrue(checked.err().startsWith(plain.err()), checked.err());
        Matcher m = SUMMARY.matcher(checked.err().substring(plain.err().length()));
        assertTrue(m.matches(), "one summary line: " + checked.err());
        assertTrue(Long.parseLong(m.group(1)) > 100, "a scenario run makes hundreds of RMI calls: " + checked.err());
    }

    private static void assertViolation(Outcome o, String prefix) {
        assertEquals(InvariantOption.EXIT_VIOLATED, o.status(), o.out() + o.err());
        assertTrue(o.err().startsWith(prefix + "invariant violated after RMI_RTT_CREATE(0x"), o.err());
        assertTrue(o.err().contains(") -> RMI_SUCCESS:\n  rtt-refcount: RTT 0x"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(o.err().contains("invariants: checked after"), "no summary after a violation: " + o.err());
    }

    @Test
    void runChecksEveryCallAndPrintsExactlyWhatItPrintsWithout() {
        Outcome plain = execute(new RunCommand(), SMALL);
        Outcome checked = execute(new RunCommand(), with(SMALL, "--check-invariants"));
        assertCleanAndIdentical(plain, checked);
    }

    @Test
    void runStopsAtTheCallThatBreaksAnInvariant() {
        Outcome o = execute(new RunCommand(BROKEN_RMM), with(SMALL, "--check-invariants"));
        assertViolation(o, "mica run: ");
        assertEquals("", o.out(), "a run stopped by a violation prints no summary");
    }

    @Test
    void theBrokenRmmGoesUnnoticedWithoutTheOption() {
        assertEquals(0, execute(new RunCommand(BROKEN_RMM), with(SMALL, "--no-baselines")).status());
    }

    @Test
    void stepChecksEveryCallAndPrintsExactlyWhatItPrintsWithout() throws Exception {
        Path cmds = Files.writeString(dir.resolve("c.txt"), "break RMI_REALM_ACTIVATE\ncontinue\nnext\ncontinue\n");
        Outcome plain = execute(new StepCommand(), with(SMALL, "--commands", cmds.toString()));
        Outcome checked = execute(new StepCommand(), with(SMALL, "--commands", cmds.toString(), "--check-invariants"));
        assertTrue(checked.out().contains("run ended: ok"), checked.out());
        assertCleanAndIdentical(plain, checked);
    }

    @Test
    void stepStopsAtTheCallThatBreaksAnInvariant() throws Exception {
        Path cmds = Files.writeString(dir.resolve("c.txt"), "continue\nnext\n");
        Outcome o = execute(new StepCommand(BROKEN_RMM), with(SMALL, "--commands", cmds.toString(), "--check-invariants"));
        assertViolation(o, "mica step: ");
        String first = o.err().lines().findFirst().orElseThrow();
        String call = first.substring("mica step: ".length(), first.length() - 1);
        assertTrue(o.out().endsWith("> continue\nrun stopped: " + call + "\n"),
            "the run stops there and the commands after it do not run:\n" + o.out());
    }
}
