package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.simulator.machine.Machine;

/** The executor against the real default platform: SMCs reach our RMM through EL3, and the output shows it. */
class ScriptExecutorTest {
    private static final String REALM = """
            let params = 0x88000000
            let rd = 0x88001000
            let rtt1 = 0x88002000
            smc RMI_GRANULE_DELEGATE $rd
            smc RMI_GRANULE_DELEGATE $rtt1
            realm-params $params s2sz=39 rtt_base=$rtt1 rtt_level_start=1 rtt_num_start=1 num_bps=1 num_wps=1 vmid=1
            smc RMI_REALM_CREATE $rd $params
            expect RMI_SUCCESS
            """;

    private Machine machine;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void boot() {
        machine = DefaultPlatform.builder().boot();
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private List<ScriptFailure> run(String text) {
        ParseResult parsed = ScriptParser.parse("e.smc", text);
        Script script = parsed.script().orElseThrow(() -> new AssertionError(parsed.diagnostics()));
        return new ScriptExecutor(machine.host(0), new PrintWriter(out), new PrintWriter(err)).run(script, false);
    }

    private String output() {
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private String lastLine() {
        String[] lines = output().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void versionPrintsItsTwoOutputRegisters() {
        assertEquals(List.of(), run("smc RMI_VERSION 0x10000\nexpect RMI_SUCCESS x1=0x10000 x2=65536\n"));
        assertEquals("RMI_VERSION(0x10000) -> RMI_SUCCESS x1=0x10000 x2=0x10000\n", output());
    }

    @Test
    void mismatchingRegistersAreAllListed() {
        assertEquals(List.of(new ScriptFailure("e.smc", 2, "expected x1=0x20000 x2=0x1, got x1=0x10000 x2=0x10000")),
                run("smc RMI_VERSION 0x10000\nexpect RMI_SUCCESS x1=0x20000 x2=1\n"));
    }

    @Test
    void aFailingStatusIsReportedWithoutComparingRegisters() {
        assertEquals(List.of(new ScriptFailure("e.smc", 2, "expected RMI_SUCCESS, got RMI_ERROR_INPUT")),
                run("smc RMI_VERSION 0x20000\nexpect RMI_SUCCESS x1=0\n"));
    }

    private static final String WALK_STOPS_AT_LEVEL_1 = REALM
            + "smc RMI_GRANULE_DELEGATE 0x88005000\nsmc RMI_DATA_CREATE $rd 0x88005000 0 0x88006000 0\n";

    @Test
    void statusWithoutIndexMatchesAnyIndex() {
        assertEquals(List.of(), run(WALK_STOPS_AT_LEVEL_1 + "expect RMI_ERROR_RTT\nexpect RMI_ERROR_RTT(1)\nexpect 0x104\n"));
        assertEquals("RMI_DATA_CREATE(0x88001000, 0x88005000, 0x0, 0x88006000, 0x0) -> RMI_ERROR_RTT(1)", lastLine());
    }

    @Test
    void statusWithIndexMatchesOnlyThatIndex() {
        assertEquals(List.of(new ScriptFailure("e.smc", 11, "expected RMI_ERROR_RTT(2), got RMI_ERROR_RTT(1)")),
                run(WALK_STOPS_AT_LEVEL_1 + "expect RMI_ERROR_RTT(2)\n"));
    }

    @Test
    void readEntryPrintsFourOutputRegisters() {
        assertEquals(List.of(), run(REALM + "smc RMI_RTT_READ_ENTRY $rd 0 3\nexpect RMI_SUCCESS x1=1 x2=0 x3=0 x4=0\n"));
        assertEquals("RMI_RTT_READ_ENTRY(0x88001000, 0x0, 0x3) -> RMI_SUCCESS x1=0x1 x2=0x0 x3=0x0 x4=0x0",
                lastLine());
    }

    @Test
    void aHostWriteToADelegatedGranuleIsAGranuleProtectionFaultAndChangesNothing() {
        List<ScriptFailure> failures = run("""
                smc RMI_GRANULE_DELEGATE 0x88000000
                expect RMI_SUCCESS
                write 0x88000000 ff
                """);
        assertEquals(1, failures.size());
        assertEquals(3, failures.get(0).line());
        assertTrue(failures.get(0).message().startsWith("Non-secure write of 1 byte at PA 0x88000000 faulted: "),
                failures.get(0).message());
        assertTrue(failures.get(0).message().contains("granule protection fault"), failures.get(0).message());
        assertArrayEquals(new byte[] {0}, machine.peek(0x8800_0000L, 1));
    }

    @Test
    void paramsWrittenToADelegatedGranuleFault() {
        List<ScriptFailure> failures = run("smc RMI_GRANULE_DELEGATE 0x88000000\nrealm-params 0x88000000 s2sz=39\n");
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).message().startsWith(
                "Non-secure write of an RmiRealmParams (4096 bytes) at PA 0x88000000 faulted: "), failures.get(0).message());
    }

    @Test
    void aFidWithTheSveHintIsPrintedAsANumberWithItsCommandsOutputs() {
        run("smc 0xc4010150 0x10000\n");
        assertTrue(output().matches("0xc4010150\\(0x10000\\) -> \\S+ x1=0x[0-9a-f]+ x2=0x[0-9a-f]+\n"), output());
    }

    @Test
    void aHoleInTheRmiRangeIsNotSupported() {
        assertEquals(List.of(), run("smc 0xc4000156\nexpect SMC_NOT_SUPPORTED\nexpect 0xffffffffffffffff\n"));
        assertTrue(output().startsWith("0xc4000156() -> SMC_NOT_SUPPORTED x1="), output());
    }

    @Test
    void executionStopsAtTheFirstFailure() {
        List<ScriptFailure> failures = run("""
                smc RMI_GRANULE_DELEGATE 0x88000000
                expect RMI_ERROR_INPUT
                smc RMI_GRANULE_UNDELEGATE 0x88000000
                """);
        assertEquals(List.of(new ScriptFailure("e.smc", 2, "expected RMI_ERROR_INPUT, got RMI_SUCCESS")), failures);
        assertEquals("RMI_GRANULE_DELEGATE(0x88000000) -> RMI_SUCCESS\n", output());
    }
}
