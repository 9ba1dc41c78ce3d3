package org.micasim.rmm.rsi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.GuestRealm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestException;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Realm accesses the RMM answers itself or reports (DEN0137 §A5.2.9, §A4.3): RIPAS EMPTY → SEA injected
 * into the realm; an unprotected access → emulatable EXIT_SYNC that the host completes with emul_mmio
 * (read value to Rt) or answers with inject_sea.
 */
class RealmAbortsTest {
    private static final long U = RmmTestbed.UNPROTECTED;

    static String attempt(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (GuestException e) {
            return e.kind().name();
        }
    }

    @Test
    void emptyRipas_sea_unprotected_emulatedOrSea() {
        List<String> seen = new ArrayList<>();
        long[] value = new long[1];
        GuestProgramRegistry programs = new GuestProgramRegistry().register("aborts", () -> (GuestCpu cpu) -> {
            seen.add(attempt(() -> cpu.load64(0x30000)));
            seen.add(attempt(() -> value[0] = cpu.load64(U + 0x100)));
            seen.add(attempt(() -> cpu.store64(U + 0x108, 0xFEED)));
            seen.add(attempt(() -> cpu.load64(U + 0x110)));
        });
        try (RmmTestbed t = new RmmTestbed(programs)) {
            GuestRealm g = new GuestRealm(t, 1, "aborts", 1);
            RmiRecExit read = g.runUntil(0, RmiRecExitReason.RMI_EXIT_SYNC);
            assertEquals(0x24, (read.esr() >>> 26) & 0x3F, "data abort");
            assertEquals(1L << 24, read.esr() & (1L << 24), "ISV: emulatable");
            assertEquals(0, read.esr() & (0x1FL << 16), "SRT hidden from the host");
            assertEquals(0x100, read.far(), "FAR reduced to the offset in the granule");
            assertEquals(U >>> 8, read.hpfar());
            g.enter(0, new RmiRecEnter(RmiRecEnter.FLAG_EMUL_MMIO, new long[] {0x1122_3344_5566_7788L, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, null));
            RmiRecExit write = g.exit();
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, write.exitReason());
            assertEquals(1L << 6, write.esr() & (1L << 6), "WnR");
            assertEquals(0xFEED, write.gpr(0), "the written value");
            g.enter(0, RmiRecEnter.ofFlags(RmiRecEnter.FLAG_EMUL_MMIO));
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, g.exit().exitReason());
            g.enter(0, RmiRecEnter.ofFlags(RmiRecEnter.FLAG_INJECT_SEA));
            assertEquals(RmiRecExitReason.RMI_EXIT_PSCI, g.exit().exitReason(), "program ended: SYSTEM_OFF");
            assertEquals(List.of("SYNC_EXTERNAL_ABORT", "ok", "ok", "SYNC_EXTERNAL_ABORT"), seen);
            assertEquals(0x1122_3344_5566_7788L, value[0]);
        }
    }
}
