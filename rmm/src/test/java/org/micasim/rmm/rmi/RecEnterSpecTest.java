package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.micasim.rmm.GuestRealm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * RMI_REC_ENTER (§B4.3.14), RMI_PSCI_COMPLETE (§B4.3.7) and RMI_RTT_SET_RIPAS (§B4.3.21): failure
 * conditions and effects, with realm guests producing the exits they need.
 */
class RecEnterSpecTest {
    static GuestProgramRegistry programs() {
        return new GuestProgramRegistry()
            .register("off", () -> cpu -> { })
            .register("cpu-on", () -> cpu -> cpu.smc(RsiCommand.PSCI_CPU_ON_64.fid(), 1, 0x0, 77))
            .register("ripas-blocked", () -> cpu -> {
                cpu.store64(0x10000, 1);
                cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), 0x9000);
                cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), 0x10000, 0x11000, 1, 0);
                cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), 0x201000, 0x202000, 1, 0);
            })
            .register("ripas", () -> cpu -> {
                long[] r = cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), 0x10000, 0x12000, 0, 0);
                cpu.store64(0x8000, r[0]);
                cpu.store64(0x8008, r[1]);
                cpu.store64(0x8010, r[2]);
                cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), 0x9000);
            });
    }

    private static String enterStatus(GuestRealm g, int rec, long flags) {
        return RmiReturn.format(g.enter(rec, RmiRecEnter.ofFlags(flags)).x0());
    }

    @Test
    void recEnter_failureConditions() {
        try (RmmTestbed t = new RmmTestbed(programs())) {
            GuestRealm g = new GuestRealm(t, 1, "cpu-on", 3);
            long rec0 = g.recs.get(0);
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, rec0, RmmTestbed.RUN + 8), "run_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, rec0, Fixture.NOT_DRAM), "run_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, rec0, t.delegated()), "run_pas");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, rec0 + 8, RmmTestbed.RUN), "rec_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, Fixture.NOT_DRAM, RmmTestbed.RUN), "rec_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_REC_ENTER, g.rd, RmmTestbed.RUN), "rec_gran_state");
            assertEquals("RMI_ERROR_REC", enterStatus(g, 1, 0), "rec_runnable");
            assertEquals("RMI_ERROR_REC", enterStatus(g, 0, RmiRecEnter.FLAG_EMUL_MMIO), "rec_mmio");
            assertEquals("RMI_ERROR_REC", enterStatus(g, 0, RmiRecEnter.FLAG_INJECT_SEA), "inject_sea (TF-RMM)");
            t.write(RmmTestbed.RUN, new RmiRecEnter(0, null, 1L << 20, null).encode());
            assertEquals("RMI_ERROR_REC", t.status(RmiCommand.RMI_REC_ENTER, rec0, RmmTestbed.RUN), "rec_gicv3");
            t.rmm.state().recAt(rec0).granule().refcountInc();
            assertEquals("RMI_ERROR_REC", enterStatus(g, 0, 0), "rec_state");
            t.rmm.state().recAt(rec0).granule().refcountDec();
            RmiRecExit psci = g.runUntil(0, RmiRecExitReason.RMI_EXIT_PSCI);
            assertEquals(RsiCommand.PSCI_CPU_ON_64.fid(), psci.gpr(0));
            assertEquals(1, psci.gpr(1), "target MPIDR forwarded");
            assertEquals("RMI_ERROR_REC", enterStatus(g, 0, 0), "rec_psci");

            long rec1 = g.recs.get(1);
            long rec2 = g.recs.get(2);
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec0, 0), "alias");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0 + 8, rec1, 0), "calling_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, Fixture.NOT_DRAM, rec1, 0), "calling_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, g.rd, rec1, 0), "calling_state");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec1 + 8, 0), "target_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, Fixture.NOT_DRAM, 0), "target_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, g.rd, 0), "target_state");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec1, rec0, 0), "pending");
            GuestRealm other = new GuestRealm(t, 2, "off", 2);
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, other.recs.get(1), 0), "owner");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec2, 0), "target");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec1,
                PsciReturn.PSCI_INVALID_PARAMETERS.code()), "status");

            t.ok(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec1, 0);
            assertEquals(true, t.rmm.state().recAt(rec1).isRunnable());
            assertEquals(77, t.rmm.state().recAt(rec1).vcpu().x(0), "context id in X0");
            assertEquals(0, t.rmm.state().recAt(rec0).vcpu().x(0), "caller sees PSCI SUCCESS");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_PSCI_COMPLETE, rec0, rec1, 0), "no longer pending");

            RmiRecExit off = g.runUntil(0, RmiRecExitReason.RMI_EXIT_PSCI);
            assertEquals(RsiCommand.PSCI_SYSTEM_OFF.fid(), off.gpr(0));
            assertEquals("RMI_ERROR_REALM(1)", enterStatus(g, 0, 0), "system_off");
            long newRealmRec = t.delegated();
            long rdNew = t.createRealm(3);
            t.recParams(0, 0, true);
            t.ok(RmiCommand.RMI_REC_CREATE, rdNew, newRealmRec, RmmTestbed.REC_PARAMS);
            t.write(RmmTestbed.RUN, RmiRecEnter.ofFlags(0).encode());
            assertEquals("RMI_ERROR_REALM", t.status(RmiCommand.RMI_REC_ENTER, newRealmRec, RmmTestbed.RUN), "realm_new");
        }
    }

    @Test
    void setRipas_failureConditionsAndCompletion() {
        try (RmmTestbed t = new RmmTestbed(programs())) {
            GuestRealm g = new GuestRealm(t, 1, "ripas", 1);
            GuestRealm other = new GuestRealm(t, 2, "off", 1);
            long rec = g.recs.get(0);
            RmiRecExit change = g.runUntil(0, RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE);
            assertEquals(0x10000, change.ripasBase());
            assertEquals(0x12000, change.ripasTop());
            assertEquals(0, change.ripasValue());
            long rd = g.rd;
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd + 8, rec, 0x10000, 0x12000), "rd_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, Fixture.NOT_DRAM, rec, 0x10000, 0x12000), "rd_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rec, rec, 0x10000, 0x12000), "rd_state");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec + 8, 0x10000, 0x12000), "rec_align");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, Fixture.NOT_DRAM, 0x10000, 0x12000), "rec_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rd, 0x10000, 0x12000), "rec_gran_state");
            t.rmm.state().recAt(rec).granule().refcountInc();
            assertEquals("RMI_ERROR_REC", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x12000), "rec_state");
            t.rmm.state().recAt(rec).granule().refcountDec();
            assertEquals("RMI_ERROR_REC", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, other.recs.get(0), 0x10000, 0x12000), "rec_owner");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x10000), "size_valid");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x11000, 0x12000), "base_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x13000), "top_bound");
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x11008), "top_gran_align");
            assertEquals(0x11000, t.ok(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x11000).x1());
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x10000, 0x12000),
                "base_bound after progress: ripas_addr moved on");
            assertEquals(0x12000, t.ok(RmiCommand.RMI_RTT_SET_RIPAS, rd, rec, 0x11000, 0x12000).x1());
            assertEquals(0L, t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, 0x11000, 3).x4(), "RIPAS EMPTY");
            RmiRecExit hc = g.runUntil(0, RmiRecExitReason.RMI_EXIT_HOST_CALL);
            assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, hc.exitReason());
            long ramPa = t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, 0x8000, 3).x3();
            byte[] words = t.machine.peek(ramPa, 24);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(words).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, b.getLong(0), "RSI_SUCCESS on the next entry");
            assertEquals(0x12000, b.getLong(8), "new base = ripas_addr");
            assertEquals(0, b.getLong(16), "RSI_ACCEPT");
        }
    }

    @Test
    void setRipas_noProgressAndBaseAlign() {
        try (RmmTestbed t = new RmmTestbed(programs())) {
            GuestRealm g = new GuestRealm(t, 1, "ripas-blocked", 1);
            long rec = g.recs.get(0);
            g.runUntil(0, RmiRecExitReason.RMI_EXIT_HOST_CALL);
            t.ok(RmiCommand.RMI_DATA_DESTROY, g.rd, 0x10000);
            RmiRecExit change = g.runUntil(0, RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE);
            assertEquals(0x10000, change.ripasBase());
            assertEquals("RMI_ERROR_RTT(3)", t.status(RmiCommand.RMI_RTT_SET_RIPAS, g.rd, rec, 0x10000, 0x11000),
                "no_progress: DESTROYED without RSI_CHANGE_DESTROYED");
            g.enter(0, RmiRecEnter.ofFlags(RmiRecEnter.FLAG_RIPAS_RESPONSE));
            RmiRecExit second = g.exit();
            assertEquals(RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE, second.exitReason());
            assertEquals(0x201000, second.ripasBase());
            assertEquals("RMI_ERROR_RTT(2)", t.status(RmiCommand.RMI_RTT_SET_RIPAS, g.rd, rec, 0x201000, 0x202000),
                "base_align: the level-2 entry's RIPAS (EMPTY) differs from RAM and base is not 2 MiB aligned");
        }
    }
}
