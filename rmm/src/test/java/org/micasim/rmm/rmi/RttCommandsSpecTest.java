package org.micasim.rmm.rmi;

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

/** RMI_RTT_CREATE / DESTROY / FOLD / READ_ENTRY (DEN0137 §B4.3.15-17, §B4.3.20). */
class RttCommandsSpecTest {
    private static final long GB = 0x4000_0000L;
    private static final long MB2 = 0x20_0000L;

    static List<SpecRow> createRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, f.delegated(), GB, 2}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, f.delegated(), GB, 2}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l2, f.delegated(), GB, 2}),
            row("level_bound (start level)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), 0, 1}),
            row("level_bound (4)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), 0, 4}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), GB + MB2, 2}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated(), 1L << RmmTestbed.S2SZ, 2}),
            row("rtt_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.delegated() + 8, GB, 2}),
            row("rtt_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, Fixture.NOT_DRAM, GB, 2}),
            row("rtt_state", "RMI_ERROR_INPUT", f -> new long[] {f.rd, f.undelegated(), GB, 2}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, f.delegated(), GB, 3}),
            row("rtte_state", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, f.delegated(), 0, 2}));
    }

    static List<SpecRow> destroyRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, 0, 3}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, 0, 3}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l3, 0, 3}),
            row("level_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0, 1}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x1000, 3}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 1L << RmmTestbed.S2SZ, 3}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, GB, 3}),
            row("rtte_state", "RMI_ERROR_RTT(2)", f -> new long[] {f.rd, MB2, 3}),
            row("rtt_live", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, 0, 3}));
    }

    static List<SpecRow> foldRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, 0, 3}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, 0, 3}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.data, 0, 3}),
            row("level_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0, 1}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x1000, 3}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 1L << RmmTestbed.S2SZ, 3}),
            row("rtt_walk", "RMI_ERROR_RTT(1)", f -> new long[] {f.rd, GB, 3}),
            row("rtte_state", "RMI_ERROR_RTT(2)", f -> new long[] {f.rd, MB2, 3}),
            row("rtt_homo", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, 0, 3}));
    }

    static List<SpecRow> readEntryRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, 0, 3}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, 0, 3}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.undelegated(), 0, 3}),
            row("level_bound (below start)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0, 0}),
            row("level_bound (4)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0, 4}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x800, 3}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 1L << RmmTestbed.S2SZ, 3}));
    }

    @ParameterizedTest
    @MethodSource("createRows")
    void create_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_CREATE);
    }

    @ParameterizedTest
    @MethodSource("destroyRows")
    void destroy_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_DESTROY);
    }

    @ParameterizedTest
    @MethodSource("foldRows")
    void fold_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_FOLD);
    }

    @ParameterizedTest
    @MethodSource("readEntryRows")
    void readEntry_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_READ_ENTRY);
    }

    @Test
    void destroy_outputsTop_perOutcomeTable() {
        try (Fixture f = new Fixture()) {
            SmcResult live = f.t.smc(RmiCommand.RMI_RTT_DESTROY, f.rd, 0, 3);
            assertEquals(0, live.x2(), "live RTT: top == ipa");
            SmcResult missing = f.t.smc(RmiCommand.RMI_RTT_DESTROY, f.rd, MB2, 3);
            assertEquals(GB, missing.x2(), "missing RTT: top skips the non-live entries of the L2 RTT");
        }
    }

    @Test
    void createFoldDestroy_unassignedTables() {
        try (Fixture f = new Fixture()) {
            long rtt = f.delegated();
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, rtt, MB2, 3);
            SmcResult e = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, MB2, 2);
            assertEquals(List.of(2L, 2L, rtt), List.of(e.x1(), e.x2(), e.x3()), "TABLE at level 2");
            assertEquals(rtt, f.t.ok(RmiCommand.RMI_RTT_FOLD, f.rd, MB2, 3).x1());
            assertEquals(GranuleState.DELEGATED, f.t.rmm.state().granules().stateOf(rtt));
            SmcResult folded = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, MB2, 3);
            assertEquals(List.of(2L, 0L, 0L), List.of(folded.x1(), folded.x2(), folded.x4()),
                "walk stops at the folded UNASSIGNED EMPTY level-2 entry");
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, rtt, MB2, 3);
            SmcResult d = f.t.ok(RmiCommand.RMI_RTT_DESTROY, f.rd, MB2, 3);
            assertEquals(rtt, d.x1());
            assertEquals(2L, f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, MB2, 3).x4(), "RIPAS DESTROYED");
        }
    }

    @Test
    void fold_assignedRam_makesABlock_andCreateUnfoldsIt() {
        try (Fixture f = new Fixture()) {
            long base = f.t.delegatedContiguous(512);
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, f.delegated(), MB2, 3);
            for (int i = 0; i < 512; i++) {
                f.t.ok(RmiCommand.RMI_DATA_CREATE, f.rd, base + i * 0x1000L, MB2 + i * 0x1000L, RmmTestbed.SRC, 0);
            }
            long rtt = f.t.ok(RmiCommand.RMI_RTT_FOLD, f.rd, MB2, 3).x1();
            SmcResult block = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, MB2, 3);
            assertEquals(List.of(2L, 1L, base, 1L), List.of(block.x1(), block.x2(), block.x3(), block.x4()),
                "ASSIGNED RAM 2 MiB block");
            assertEquals("RMI_ERROR_RTT(2)", f.t.status(RmiCommand.RMI_DATA_DESTROY, f.rd, MB2));
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, rtt, MB2, 3);
            SmcResult page = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, MB2 + 0x5000, 3);
            assertEquals(List.of(3L, 1L, base + 0x5000, 1L), List.of(page.x1(), page.x2(), page.x3(), page.x4()));
            assertEquals(512, f.t.rmm.state().granules().find(rtt).refcount());
        }
    }
}
