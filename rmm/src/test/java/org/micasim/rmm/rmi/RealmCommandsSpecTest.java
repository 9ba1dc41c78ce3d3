package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.rmi.SpecRow.row;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmState;
import org.micasim.simulator.machine.SmcResult;

/** RMI_REALM_CREATE / ACTIVATE / DESTROY (DEN0137 §B4.3.8-10) and RMI_REC_AUX_COUNT (§B4.3.11). */
class RealmCommandsSpecTest {

    /** REALM_CREATE with fresh RD and roots and params changed by {@code edit}. */
    static SpecRow create(String label, UnaryOperator<RmiRealmParams> edit) {
        return row(label, "RMI_ERROR_INPUT", f -> {
            long roots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
            f.t.write(RmmTestbed.PARAMS, edit.apply(RmmTestbed.params(roots, 9)).encode());
            return new long[] {f.delegated(), RmmTestbed.PARAMS};
        });
    }

    static List<SpecRow> createRows() {
        return List.of(
            row("params_align", "RMI_ERROR_INPUT", f -> new long[] {f.delegated(), RmmTestbed.PARAMS + 8}),
            row("params_bound", "RMI_ERROR_INPUT", f -> new long[] {f.delegated(), Fixture.NOT_DRAM}),
            row("params_pas", "RMI_ERROR_INPUT", f -> new long[] {f.delegated(), f.delegated()}),
            create("params_valid (unknown flag)", p -> p.with("flags", 1L << 3)),
            create("params_valid (hash_algo 2)", p -> p.with("hash_algo", 2)),
            create("params_supp (s2sz 31)", p -> p.with("s2sz", 31)),
            create("params_supp (s2sz 49)", p -> p.with("s2sz", 49)),
            create("params_supp (LPA2)", p -> p.with("flags", RmiRealmParams.FLAG_LPA2)),
            create("params_supp (SVE)", p -> p.with("flags", RmiRealmParams.FLAG_SVE)),
            create("params_supp (num_bps 0)", p -> p.with("num_bps", 0)),
            create("params_supp (num_wps 2)", p -> p.with("num_wps", 2)),
            create("params_supp (pmu_num_ctrs 32)", p -> p.with("flags", RmiRealmParams.FLAG_PMU)
                .with("pmu_num_ctrs", 32)),
            row("alias", "RMI_ERROR_INPUT", f -> {
                long roots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
                f.t.write(RmmTestbed.PARAMS, RmmTestbed.params(roots, 9).encode());
                return new long[] {roots + 0x1000, RmmTestbed.PARAMS};
            }),
            row("rd_align", "RMI_ERROR_INPUT", f -> withParams(f, f.delegated() + 8)),
            row("rd_bound", "RMI_ERROR_INPUT", f -> withParams(f, Fixture.NOT_DRAM)),
            row("rd_state", "RMI_ERROR_INPUT", f -> withParams(f, f.undelegated())),
            create("rtt_align", p -> p.with("rtt_base", p.rttBase() + 0x1000)),
            create("rtt_num_level (level_start 0)", p -> p.with("rtt_level_start", 0)),
            create("rtt_num_level (num_start 1)", p -> p.with("rtt_num_start", 1)),
            row("rtt_state", "RMI_ERROR_INPUT", f -> {
                long roots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
                f.t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, roots + 0x1000);
                f.t.write(RmmTestbed.PARAMS, RmmTestbed.params(roots, 9).encode());
                return new long[] {f.delegated(), RmmTestbed.PARAMS};
            }),
            create("vmid_valid (in use)", p -> p.with("vmid", 1)));
    }

    private static long[] withParams(Fixture f, long rd) {
        long roots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
        f.t.write(RmmTestbed.PARAMS, RmmTestbed.params(roots, 9).encode());
        return new long[] {rd, RmmTestbed.PARAMS};
    }

    static List<SpecRow> activateRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.l2}),
            row("realm_state", "RMI_ERROR_REALM", f -> new long[] {f.rdActive}));
    }

    static List<SpecRow> destroyRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.data}),
            row("realm_live (RTT)", "RMI_ERROR_REALM", f -> new long[] {f.rd}),
            row("realm_live (REC)", "RMI_ERROR_REALM", f -> new long[] {f.rdActive}));
    }

    static List<SpecRow> auxCountRows() {
        return List.of(
            row("rd_align", "RMI_ERROR_INPUT", f -> new long[] {f.rd + 8}),
            row("rd_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("rd_state", "RMI_ERROR_INPUT", f -> new long[] {f.rec}));
    }

    @ParameterizedTest
    @MethodSource("createRows")
    void create_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REALM_CREATE);
    }

    @ParameterizedTest
    @MethodSource("activateRows")
    void activate_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REALM_ACTIVATE);
    }

    @ParameterizedTest
    @MethodSource("destroyRows")
    void destroy_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REALM_DESTROY);
    }

    @ParameterizedTest
    @MethodSource("auxCountRows")
    void auxCount_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_REC_AUX_COUNT);
    }

    @Test
    void create_success_initialisesRootsRdAndVmid() {
        try (Fixture f = new Fixture()) {
            long roots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
            long rd = f.t.createRealm(RmmTestbed.params(roots, 9));
            assertEquals(GranuleState.RD, f.t.rmm.state().granules().stateOf(rd));
            assertEquals(GranuleState.RTT, f.t.rmm.state().granules().stateOf(roots));
            assertEquals(GranuleState.RTT, f.t.rmm.state().granules().stateOf(roots + 0x1000));
            assertEquals(RealmState.REALM_NEW, f.realm(rd).state());
            SmcResult prot = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, 0x4000_0000L, 1);
            assertEquals(List.of(1L, 0L, 0L, 0L), List.of(prot.x1(), prot.x2(), prot.x3(), prot.x4()),
                "protected root entry UNASSIGNED, RIPAS EMPTY");
            SmcResult unprot = f.t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, RmmTestbed.UNPROTECTED, 1);
            assertEquals(List.of(1L, 0L, 0L, 0L), List.of(unprot.x1(), unprot.x2(), unprot.x3(), unprot.x4()),
                "unprotected root entry UNASSIGNED_NS");
            long otherRoots = f.t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
            f.t.write(RmmTestbed.PARAMS, RmmTestbed.params(otherRoots, 9).encode());
            assertEquals("RMI_ERROR_INPUT", f.t.status(RmiCommand.RMI_REALM_CREATE, f.delegated(), RmmTestbed.PARAMS),
                "VMID 9 is now in use");
            assertEquals(16, f.t.ok(RmiCommand.RMI_REC_AUX_COUNT, rd).x1());
        }
    }

    @Test
    void activateAndDestroy_success() {
        try (Fixture f = new Fixture()) {
            long rd = f.t.createRealm(RmmTestbed.params(f.t.delegatedContiguous(2), 9));
            f.t.ok(RmiCommand.RMI_REALM_ACTIVATE, rd);
            assertEquals(RealmState.REALM_ACTIVE, f.realm(rd).state());
            f.t.ok(RmiCommand.RMI_REALM_DESTROY, rd);
            assertEquals(GranuleState.DELEGATED, f.t.rmm.state().granules().stateOf(rd));
            long roots = f.t.delegatedContiguous(2);
            f.t.createRealm(RmmTestbed.params(roots, 9));
        }
    }
}
