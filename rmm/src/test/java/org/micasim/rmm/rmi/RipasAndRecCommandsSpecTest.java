package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.micasim.rmm.rmi.SpecRow.row;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.granule.GranuleState;

/** RMI_RTT_INIT_RIPAS (§B4.3.18), RMI_REC_CREATE (§B4.3.12) and RMI_REC_DESTROY (§B4.3.13). */
class RipasAndRecCommandsSpecTest {
    private static final long MB2 = 0x20_0000L;

    static List<SpecRow> initRipasRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8, 0x2000, 0x4000}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM, 0x2000, 0x4000}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l3, 0x2000, 0x4000}),
            row("size_valid", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x2000, 0x2000}),
            row("top_bound", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x2000, RmmTestbed.UNPROTECTED + 0x1000}),
            row("base 4 KiB alignment (TF-RMM)", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x2008, 0x4000}),
            row("realm_state", "RMI_ERROR_REALM", f -> new long[] {f.rdActive, 0x2000, 0x4000}),
            row("base_align", "RMI_ERROR_RTT(2)", f -> new long[] {f.rd, MB2 + 0x1000, MB2 + 0x3000}),
            row("rtte_state", "RMI_ERROR_RTT(3)", f -> new long[] {f.rd, Fixture.DATA_IPA, 0x4000}),
            row("top_gran_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd, 0x2000, 0x3008}),
            row("no_progress", "RMI_ERROR_RTT(2)", f -> new long[] {f.rd, MB2, MB2 + 0x1000}));
    }

    /** REC_CREATE on the NEW realm with REC params edited by {@code edit} (given the fixture). */
    static SpecRow create(String label, String expected, BiFunction<Fixture, RmiRecParams, RmiRecParams> edit) {
        return row(label, expected, f -> {
            RmiRecParams p = edit.apply(f, f.t.recParams(0, 0x1000, true));
            f.t.write(RmmTestbed.REC_PARAMS, p.encode());
            return new long[] {f.rd, f.delegated(), RmmTestbed.REC_PARAMS};
        });
    }

    static long[] withRec(Fixture f, long rd, long rec, long params) {
        f.t.recParams(0, 0x1000, true);
        return new long[] {rd, rec, params};
    }

    static List<SpecRow> recCreateRows() {
        return List.of(
            row("params_align", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, f.delegated(), RmmTestbed.REC_PARAMS + 8)),
            row("params_bound", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, f.delegated(), Fixture.NOT_DRAM)),
            row("params_pas", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, f.delegated(), f.delegated())),
            row("rec_align", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, f.delegated() + 8, RmmTestbed.REC_PARAMS)),
            row("rec_bound", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, Fixture.NOT_DRAM, RmmTestbed.REC_PARAMS)),
            row("rec_state", "RMI_ERROR_INPUT", f -> withRec(f, f.rd, f.undelegated(), RmmTestbed.REC_PARAMS)),
            row("rd_align", "RMI_ERROR_INPUT", f -> withRec(f, f.rd + 8, f.delegated(), RmmTestbed.REC_PARAMS)),
            row("rd_bound", "RMI_ERROR_INPUT", f -> withRec(f, Fixture.NOT_DRAM, f.delegated(), RmmTestbed.REC_PARAMS)),
            row("rd_state", "RMI_ERROR_INPUT", f -> withRec(f, f.rec, f.delegated(), RmmTestbed.REC_PARAMS)),
            row("realm_state", "RMI_ERROR_REALM", f -> withRec(f, f.rdActive, f.delegated(), RmmTestbed.REC_PARAMS)),
            create("mpidr_index (index 1 first)", "RMI_ERROR_INPUT", (f, p) -> p.with("mpidr", 1)),
            create("mpidr_index (Aff0[7:4] set)", "RMI_ERROR_INPUT", (f, p) -> p.with("mpidr", 0x10)),
            create("num_aux", "RMI_ERROR_INPUT", (f, p) -> p.with("num_aux", 15)),
            create("aux_align", "RMI_ERROR_INPUT", (f, p) -> p.with("aux3", p.aux()[3] + 8)),
            create("aux_alias (duplicate)", "RMI_ERROR_INPUT", (f, p) -> p.with("aux5", p.aux()[4])),
            row("aux_alias (the REC itself)", "RMI_ERROR_INPUT", f -> {
                long rec = f.delegated();
                f.t.write(RmmTestbed.REC_PARAMS, f.t.recParams(0, 0x1000, true).with("aux2", rec).encode());
                return new long[] {f.rd, rec, RmmTestbed.REC_PARAMS};
            }),
            create("aux_state", "RMI_ERROR_INPUT", (f, p) -> p.with("aux7", f.undelegated())));
    }

    static List<SpecRow> recDestroyRows() {
        return List.of(
            row("rec_align", "RMI_ERROR_INPUT", f -> new long[] {f.rec + 8}),
            row("rec_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("rec_gran_state", "RMI_ERROR_INPUT", f -> new long[] {f.rdActive}),
            row("rec_state (running)", "RMI_ERROR_REC", f -> {
                f.recAt(f.rec).granule().refcountInc();
                return new long[] {f.rec};
            }));
    }

    @ParameterizedTest
    @MethodSource("initRipasRows")
    void initRipas_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_RTT_INIT_RIPAS);
    }

    @ParameterizedTest
    @MethodSource("recCreateRows")
    void recCreate_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REC_CREATE);
    }

    @ParameterizedTest
    @MethodSource("recDestroyRows")
    void recDestroy_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REC_DESTROY);
    }

    @Test
    void initRipas_success_setsRamAndMeasuresEachEntry() {
        try (Fixture f = new Fixture()) {
            byte[] rim = f.realm(f.rd).rim();
            assertEquals(0x4000, f.t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, f.rd, 0x2000, 0x4000).x1());
            assertEquals(1L, f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, f.rd, 0x3000, 3).x4(), "RIPAS RAM");
            assertNotEquals(Arrays.toString(rim), Arrays.toString(f.realm(f.rd).rim()));
            assertEquals(0x4000_0000L, f.t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, f.rd, MB2, 0x4000_0000L).x1(),
                "level-2 entries: one 2 MiB entry per step up to the end of the RTT");
        }
    }

    @Test
    void recCreateDestroy_success() {
        try (Fixture f = new Fixture()) {
            RmiRecParams p = f.t.recParams(0, 0x1000, false);
            long rec = f.delegated();
            byte[] rim = f.realm(f.rd).rim();
            f.t.ok(RmiCommand.RMI_REC_CREATE, f.rd, rec, RmmTestbed.REC_PARAMS);
            assertEquals(Arrays.toString(rim), Arrays.toString(f.realm(f.rd).rim()), "not runnable: not measured");
            assertEquals(GranuleState.REC, f.t.rmm.state().granules().stateOf(rec));
            assertEquals(GranuleState.REC_AUX, f.t.rmm.state().granules().stateOf(p.aux()[15]));
            assertEquals(1, f.realm(f.rd).numRecs());
            f.t.recParams(1, 0x1000, true);
            f.t.ok(RmiCommand.RMI_REC_CREATE, f.rd, f.delegated(), RmmTestbed.REC_PARAMS);
            assertNotEquals(Arrays.toString(rim), Arrays.toString(f.realm(f.rd).rim()), "runnable: measured");
            f.t.ok(RmiCommand.RMI_REC_DESTROY, rec);
            assertEquals(GranuleState.DELEGATED, f.t.rmm.state().granules().stateOf(rec));
            assertEquals(GranuleState.DELEGATED, f.t.rmm.state().granules().stateOf(p.aux()[0]));
            assertEquals(1, f.realm(f.rd).numRecs());
            f.t.recParams(1, 0x1000, true);
            assertEquals("RMI_ERROR_INPUT", f.t.status(RmiCommand.RMI_REC_CREATE, f.rd, f.delegated(),
                RmmTestbed.REC_PARAMS), "REC indices are never reused");
        }
    }
}
