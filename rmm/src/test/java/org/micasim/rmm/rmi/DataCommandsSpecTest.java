package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.rmi.SpecRow.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.simulator.machine.SmcResult;

/** RMI_DATA_CREATE / DATA_CREATE_UNKNOWN / DATA_DESTROY (DEN0137 §B4.3.1-3). */
class DataCommandsSpecTest {
    private static final long SRC = RmmTestbed.SRC;

    static List<SpecRow> createRows() {
        return List.of(
            row("flags_valid (TF-RMM)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA, SRC, 2}),
            row("src_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA, SRC + 8, 0}),
            row("src_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA, Fixture.NOT_DRAM, 0}),
            row("src_pas", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA, f.delegated(), 0}),
            row("data_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated() + 8, Fixture.FREE_IPA, SRC, 0}),
            row("data_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, Fixture.NOT_DRAM, Fixture.FREE_IPA, SRC, 0}),
            row("data_state", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.undelegated(), Fixture.FREE_IPA, SRC, 0}),
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, f.delegated(), Fixture.FREE_IPA, SRC, 0}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, f.delegated(), Fixture.FREE_IPA, SRC, 0}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l2, f.delegated(), Fixture.FREE_IPA, SRC, 0}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA + 8, SRC, 0}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), RmmTestbed.UNPROTECTED, SRC, 0}),
            row("realm_state", "RMI_ERROR_REALM", f -> new long[] {f.rdActive, f.delegated(), Fixture.FREE_IPA, SRC, 0}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, f.delegated(), Fixture.NO_TABLES_IPA, SRC, 0}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, f.delegated(), Fixture.DATA_IPA, SRC, 0}));
    }

    static List<SpecRow> createUnknownRows() {
        return List.of(
            row("data_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated() + 8, Fixture.FREE_IPA}),
            row("data_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, Fixture.NOT_DRAM, Fixture.FREE_IPA}),
            row("data_state", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.l3, Fixture.FREE_IPA}),
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, f.delegated(), Fixture.FREE_IPA}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, f.delegated(), Fixture.FREE_IPA}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.rec, f.delegated(), Fixture.FREE_IPA}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), Fixture.FREE_IPA + 1}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), RmmTestbed.UNPROTECTED + 0x1000}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, f.delegated(), Fixture.NO_TABLES_IPA}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, f.delegated(), Fixture.DATA_IPA}));
    }

    static List<SpecRow> destroyRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, Fixture.DATA_IPA}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, Fixture.DATA_IPA}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.data, Fixture.DATA_IPA}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, Fixture.DATA_IPA + 8}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, RmmTestbed.UNPROTECTED}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, Fixture.NO_TABLES_IPA}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, Fixture.FREE_IPA}));
    }

    @ParameterizedTest
    @MethodSource("createRows")
    void create_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_DATA_CREATE);
    }

    @ParameterizedTest
    @MethodSource("createUnknownRows")
    void createUnknown_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_DATA_CREATE_UNKNOWN);
    }

    @ParameterizedTest
    @MethodSource("destroyRows")
    void destroy_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_DATA_DESTROY);
    }

    @Test
    void destroy_failureOutputsTop_perOutcomeTable() {
        try (Fixture f = new Fixture()) {
            SmcResult missing = f.t.smc(RmiCommand.RMI_DATA_DESTROY, f.rd, Fixture.FREE_IPA);
            assertEquals(0x20_0000L, missing.x2(), "not mapped: top skips the non-live entries");
            SmcResult noTable = f.t.smc(RmiCommand.RMI_DATA_DESTROY, f.rd, Fixture.NO_TABLES_IPA);
            assertEquals(0x80_0000_0000L, noTable.x2(), "walk stopped at level 1: top = end of that root RTT");
            assertEquals(0, f.t.smc(RmiCommand.RMI_DATA_DESTROY, f.rd, Fixture.DATA_IPA + 8).x2());
        }
    }

    @Test
    void create_success_copiesAndMaps_destroyScrubs() {
        try (Fixture f = new Fixture()) {
            byte[] content = new byte[4096];
            java.util.Arrays.fill(content, (byte) 0x5A);
            f.t.write(SRC, content);
            long data = f.delegated();
            byte[] rimBefore = f.realm(f.rd).rim();
            f.t.ok(RmiCommand.RMI_DATA_CREATE, f.rd, data, Fixture.FREE_IPA, SRC, 1);
            assertArrayEquals(content, f.t.machine.peek(data, 4096));
            assertEquals(GranuleState.DATA, f.t.rmm.state().granules().stateOf(data));
            SmcResult e = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, Fixture.FREE_IPA, 3);
            assertEquals(List.of(3L, 1L, data, 1L), List.of(e.x1(), e.x2(), e.x3(), e.x4()), "ASSIGNED RAM");
            assertEquals(false, java.util.Arrays.equals(rimBefore, f.realm(f.rd).rim()), "RIM extended");
            SmcResult d = f.t.ok(RmiCommand.RMI_DATA_DESTROY, f.rd, Fixture.FREE_IPA);
            assertEquals(data, d.x1());
            assertArrayEquals(new byte[4096], f.t.machine.peek(data, 4096));
            SmcResult after = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, Fixture.FREE_IPA, 3);
            assertEquals(List.of(0L, 0L, 2L), List.of(after.x2(), after.x3(), after.x4()), "UNASSIGNED DESTROYED");
        }
    }

    @Test
    void createUnknown_keepsRipas_andLeavesRimAlone() {
        try (Fixture f = new Fixture()) {
            long data = f.delegated();
            byte[] rim = f.realm(f.rd).rim();
            f.t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN, f.rd, data, Fixture.FREE_IPA);
            SmcResult e = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, Fixture.FREE_IPA, 3);
            assertEquals(List.of(1L, data, 0L), List.of(e.x2(), e.x3(), e.x4()), "ASSIGNED, RIPAS EMPTY kept");
            assertArrayEquals(rim, f.realm(f.rd).rim());
            f.t.ok(RmiCommand.RMI_DATA_DESTROY, f.rd, Fixture.FREE_IPA);
            assertEquals(0L, f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, Fixture.FREE_IPA, 3).x4(), "EMPTY stays EMPTY");
        }
    }
}
