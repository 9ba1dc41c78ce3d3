package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.simulator.machine.Machine;

/**
 * The memory commands and the non-RMI SMC path, on a machine without firmware: Non-secure accesses go
 * through the real GPC, and an SMC nobody implements returns SMC_NOT_SUPPORTED.
 */
class ScriptExecutorMemoryTest {
    private Machine machine;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void boot() {
        machine = Machine.builder().build();
        machine.boot();
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private List<ScriptFailure> run(String text, boolean keepGoing) {
        ParseResult parsed = ScriptParser.parse("m.smc", text);
        Script script = parsed.script().orElseThrow(() -> new AssertionError(parsed.diagnostics()));
        return new ScriptExecutor(machine.host(0), new PrintWriter(out), new PrintWriter(err)).run(script, keepGoing);
    }

    @Test
    void writeThenExpectMemHolds() {
        assertEquals(List.of(), run("write 0x88000000 00112233 44\nexpect-mem 0x88000001 11223344\n", false));
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33, 0x44}, machine.peek(0x8800_0000L, 5));
        assertEquals("", out.toString() + err.toString());
    }

    @Test
    void expectMemMismatchNamesTheFirstDifference() {
        List<ScriptFailure> failures = run("write 0x88000000 00112233\nexpect-mem 0x88000000 0011ff33\n", false);
        assertEquals(List.of(new ScriptFailure("m.smc", 2,
                "expected 0011ff33 at PA 0x88000000, got 00112233 (first difference at PA 0x88000002)")), failures);
        assertEquals("m.smc:2: expected 0011ff33 at PA 0x88000000, got 00112233 (first difference at PA 0x88000002)\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void paramsAreWrittenWithTheRmmCodecs() {
        assertEquals(List.of(), run("realm-params 0x88001000 s2sz=40 rtt_base=0x88002000 rtt_num_start=2\n"
                + "rec-params 0x88003000 pc=0x1000 aux15=7\n", false));
        RmiRealmParams realm = RmiRealmParams.decode(machine.peek(0x8800_1000L, RmiRealmParams.SIZE));
        assertEquals(RmiRealmParams.zero().with("s2sz", 40).with("rtt_base", 0x8800_2000L).with("rtt_num_start", 2),
                realm);
        RmiRecParams rec = RmiRecParams.decode(machine.peek(0x8800_3000L, RmiRecParams.SIZE));
        assertEquals(RmiRecParams.zero().with("pc", 0x1000).with("aux15", 7), rec);
    }

    @Test
    void accessesOutsideMemoryFaultAndStopTheScript() {
        List<ScriptFailure> failures = run("write 0x10 00\nwrite 0x88000000 ff\n", false);
        assertEquals(1, failures.size());
        assertEquals(1, failures.get(0).line());
        assertEquals("Non-secure write of 1 byte at PA 0x10 faulted: access to PA 0x10 in the NON_SECURE PAS failed:"
                + " synchronous external abort (not memory)", failures.get(0).message());
        assertArrayEquals(new byte[] {0}, machine.peek(0x8800_0000L, 1), "the script went on after the fault");
    }

    @Test
    void keepGoingReportsEveryFailureInOrder() {
        List<ScriptFailure> failures = run("expect-mem 0x88000000 01\nexpect-fault 0x88000000\n"
                + "write 0x88000000 01\nexpect-mem 0x88000000 01\n", true);
        assertEquals(List.of(
                new ScriptFailure("m.smc", 1, "expected 01 at PA 0x88000000, got 00 (first difference at PA 0x88000000)"),
                new ScriptFailure("m.smc", 2, "expected a fault on a Non-secure read at PA 0x88000000, got 00")),
                failures);
    }

    @Test
    void expectFaultHoldsOutsideMemory() {
        assertEquals(List.of(), run("expect-fault 0x0\n", false));
    }

    @Test
    void anSmcNobodyImplementsShowsAllResultRegisters() {
        List<ScriptFailure> failures = run("smc 0x84000001 1 2\nexpect SMC_NOT_SUPPORTED\nexpect RMI_SUCCESS\n", false);
        assertEquals("0x84000001(0x1, 0x2) -> SMC_NOT_SUPPORTED x1=0x1 x2=0x2 x3=0x0 x4=0x0\n",
                out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals(List.of(new ScriptFailure("m.smc", 3, "expected RMI_SUCCESS, got SMC_NOT_SUPPORTED")), failures);
    }
}
