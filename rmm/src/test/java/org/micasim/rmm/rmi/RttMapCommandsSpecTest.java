package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.rmi.SpecRow.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.simulator.machine.SmcResult;

/** RMI_RTT_MAP_UNPROTECTED / UNMAP_UNPROTECTED (DEN0137 §B4.3.19, §B4.3.22). */
class RttMapCommandsSpecTest {
    private static final long U = RmmTestbed.UNPROTECTED;
    private static final long ATTRS = (0b110L << 2) | (0b11L << 6);

    /** A fixture with level-2/3 RTTs over the first unprotected 2 MiB and one ASSIGNED_NS entry at U. */
    static Fixture mapped(Fixture f) {
        f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, f.delegated(), U, 2);
        f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, f.delegated(), U, 3);
        f.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, f.rd, U, 3, f.undelegated() | ATTRS);
        return f;
    }

    static List<SpecRow> mapRows() {
        return List.of(
            row("attr_valid (AF set)", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U + 0x1000, 3, f.undelegated() | ATTRS | (1L << 10)}),
            row("attr_valid (MemAttr 0b100)", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U + 0x1000, 3, f.undelegated() | (0b100L << 2)}),
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd + 8, U + 0x1000, 3, f.undelegated() | ATTRS}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, U + 0x1000, 3, f.undelegated() | ATTRS}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l3, U + 0x1000, 3, f.undelegated() | ATTRS}),
            row("level_bound", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U, 0, 0}),
            row("addr_align", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U + 0x20_0000, 2, 0x8000_1000L | ATTRS}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U + 0x800, 3, f.undelegated() | ATTRS}),
            row("ipa_bound (protected)", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, 0x2000, 3, f.undelegated() | ATTRS}),
            row("ipa_bound (beyond IPA space)", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, 1L << RmmTestbed.S2SZ, 3, f.undelegated() | ATTRS}),
            row("rtt_walk", "RMI_ERROR_RTT(2)", f -> new long[] {mapped(f).rd, U + 0x20_0000, 3, f.undelegated() | ATTRS}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {mapped(f).rd, U, 3, f.undelegated() | ATTRS}));
    }

    static List<SpecRow> unmapRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd + 8, U, 3}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, U, 3}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).l2, U, 3}),
            row("level_bound", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U, 4}),
            row("ipa_align", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, U + 0x1000, 2}),
            row("ipa_bound", "RMI_ERROR_INPUT", f -> new long[] {mapped(f).rd, Fixture.DATA_IPA, 3}),
            row("rtt_walk", "RMI_ERROR_RTT(2)", f -> new long[] {mapped(f).rd, U + 0x20_0000, 3}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {mapped(f).rd, U + 0x1000, 3}));
    }

    @ParameterizedTest
    @MethodSource("mapRows")
    void map_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_MAP_UNPROTECTED);
    }

    @ParameterizedTest
    @MethodSource("unmapRows")
    void unmap_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED);
    }

    @Test
    void mapReadUnmap_success() {
        try (Fixture f = mapped(new Fixture())) {
            long ns = f.undelegated();
            f.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, f.rd, U + 0x3000, 3, ns | ATTRS);
            SmcResult e = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, U + 0x3000, 3);
            assertEquals(List.of(3L, 1L, ns | ATTRS, 0L), List.of(e.x1(), e.x2(), e.x3(), e.x4()),
                "ASSIGNED_NS reports PA, MemAttr and S2AP; RIPAS EMPTY");
            assertEquals(U + 0x20_0000, f.t.ok(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, f.rd, U + 0x3000, 3).x1(),
                "top skips the non-live entries after it");
            assertEquals(0L, f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, U + 0x3000, 3).x2());
            assertEquals(U + 0x20_0000, f.t.smc(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, f.rd, U + 0x5000, 3).x1(),
                "not mapped: top skips non-live entries");
        }
    }

    @Test
    void nsBlock_unfoldsIntoPages_andFoldsBack() {
        try (Fixture f = new Fixture()) {
            long block = 0x8020_0000L;
            long u2 = U + 0x20_0000;
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, f.delegated(), U, 2);
            f.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, f.rd, u2, 2, block | ATTRS);
            SmcResult b = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, u2, 2);
            assertEquals(List.of(2L, 1L, block | ATTRS), List.of(b.x1(), b.x2(), b.x3()), "2 MiB ASSIGNED_NS block");
            long rtt = f.delegated();
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, rtt, u2, 3);
            SmcResult p = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, u2 + 0x7000, 3);
            assertEquals(List.of(3L, 1L, (block + 0x7000) | ATTRS), List.of(p.x1(), p.x2(), p.x3()), "unfolded page");
            assertEquals(0, f.t.rmm.state().granules().find(rtt).refcount(), "NS mappings are not counted");
            assertEquals(rtt, f.t.ok(RmiCommand.RMI_RTT_FOLD, f.rd, u2, 3).x1());
            SmcResult again = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, u2, 3);
            assertEquals(List.of(2L, 1L, block | ATTRS), List.of(again.x1(), again.x2(), again.x3()), "folded back");
            f.t.ok(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, f.rd, u2, 2);
            f.t.ok(RmiCommand.RMI_RTT_CREATE, f.rd, rtt, u2, 3);
            assertEquals(rtt, f.t.ok(RmiCommand.RMI_RTT_FOLD, f.rd, u2, 3).x1(), "UNASSIGNED_NS RTT folds");
        }
    }
}
