package org.micasim.rmm.rsi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.micasim.rmm.GuestRealm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * WFI/WFE in a realm: enter.flags.trap_wfi/trap_wfe set HCR_EL2.TWI/TWE (rmm.md §3.11, §6.3). Trapped, the
 * REC exits SYNC with the WFx syndrome (DEN0137 §A4.3); untrapped, the vCPU sleeps until the host timer's
 * interrupt and the REC exits IRQ, so REC_ENTER returns either way. The timeout turns a REC_ENTER that
 * never returns (the defect this guards against) into a failure instead of a hung build.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WfxExitTest {
    private static final long TRAP_BOTH = RmiRecEnter.FLAG_TRAP_WFI | RmiRecEnter.FLAG_TRAP_WFE;
    private static final long ESR_WFI = 0x01L << 26 | 1L << 25;

    private static RmmTestbed testbed() {
        GuestProgramRegistry programs = new GuestProgramRegistry();
        programs.register("sleeper", () -> (GuestCpu cpu) -> {
            cpu.waitForInterrupt();
            cpu.waitForEvent();
        });
        return new RmmTestbed(programs);
    }

    private static RmiRecExit enter(GuestRealm r, long flags) {
        assertEquals(0, r.enter(0, RmiRecEnter.ofFlags(flags)).x0(), "REC_ENTER status");
        return r.exit();
    }

    @Test
    void untrappedWfiAndWfeExitWithIrq() {
        try (RmmTestbed t = testbed()) {
            GuestRealm r = new GuestRealm(t, 1, "sleeper", 1);
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, 0).exitReason(), "WFI sleeps until the timer IRQ");
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, 0).exitReason(), "WFE sleeps until the timer IRQ");
            assertEquals(RmiRecExitReason.RMI_EXIT_PSCI, enter(r, 0).exitReason(), "woken, the program powers off");
        }
    }

    @Test
    void trappedWfiAndWfeExitSyncWithTheWfxSyndrome() {
        try (RmmTestbed t = testbed()) {
            GuestRealm r = new GuestRealm(t, 1, "sleeper", 1);
            RmiRecExit wfi = enter(r, TRAP_BOTH);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, wfi.exitReason());
            assertEquals(ESR_WFI, wfi.esr(), "EC 0x01, IL, TI 0 (WFI)");
            RmiRecExit wfe = enter(r, RmiRecEnter.FLAG_TRAP_WFE);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, wfe.exitReason());
            assertEquals(ESR_WFI | 1, wfe.esr(), "TI 1 (WFE)");
        }
    }

    @Test
    void onlyTheFlaggedInstructionTraps() {
        try (RmmTestbed t = testbed()) {
            GuestRealm r = new GuestRealm(t, 1, "sleeper", 1);
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, RmiRecEnter.FLAG_TRAP_WFE).exitReason(),
                    "WFI is not trapped by trap_wfe");
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, RmiRecEnter.FLAG_TRAP_WFI).exitReason(),
                    "WFE is not trapped by trap_wfi");
        }
    }

    @Test
    void aVcpuWithNoProgramStillReturnsToTheHost() {
        try (RmmTestbed t = testbed()) {
            GuestRealm r = new GuestRealm(t, 1, "not-registered", 1);
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, 0).exitReason(), "parked in WFI, woken by the timer");
            assertEquals(RmiRecExitReason.RMI_EXIT_IRQ, enter(r, 0).exitReason());
            RmiRecExit trapped = enter(r, RmiRecEnter.FLAG_TRAP_WFI);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, trapped.exitReason());
            assertEquals(ESR_WFI, trapped.esr());
        }
    }
}
