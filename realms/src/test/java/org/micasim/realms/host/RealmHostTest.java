package org.micasim.realms.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;

/**
 * The host driver's REC_ENTER loop with two RECs: PSCI CPU_ON / AFFINITY_INFO / CPU_OFF through
 * RMI_PSCI_COMPLETE, a realm-initiated RIPAS change through RMI_RTT_SET_RIPAS, timer preemption (IRQ
 * exits), then teardown to zeroed granules.
 */
class RealmHostTest {
    static final class Seen {
        long cpuOn;
        long affinityWhileOn = -1;
        long affinityAfterOff = -1;
        long[] ripas = new long[3];
        long secondaryCounter;
        long sharedAfterChange;
    }

    static void guest(GuestCpu cpu, Seen seen) {
        if (cpu.x(0) == 77) {
            cpu.store64(0x6000, 0x1234);
            cpu.compute(50);
            cpu.smc(RsiCommand.PSCI_CPU_OFF.fid());
            return;
        }
        cpu.store64(0x6000, 0);
        seen.cpuOn = cpu.smc(RsiCommand.PSCI_CPU_ON_64.fid(), 1, 0, 77)[0];
        seen.affinityWhileOn = cpu.smc(RsiCommand.PSCI_AFFINITY_INFO_64.fid(), 1, 0)[0];
        for (int i = 0; i < 1000 && seen.affinityAfterOff != PsciReturn.AFFINITY_OFF; i++) {
            cpu.compute(10);
            seen.affinityAfterOff = cpu.smc(RsiCommand.PSCI_AFFINITY_INFO_64.fid(), 1, 0)[0];
        }
        seen.secondaryCounter = cpu.load64(0x6000);
        long[] r = cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), 0x8000, 0xA000, 0, 0);
        seen.ripas = new long[] {r[0], r[1], r[2]};
        seen.sharedAfterChange = cpu.smc(RsiCommand.RSI_IPA_STATE_GET.fid(), 0x8000, 0xA000)[2];
    }

    @Test
    void twoRecs_psciAndRipasChange_thenTeardown() throws Exception {
        Seen seen = new Seen();
        GuestProgramRegistry programs = new GuestProgramRegistry().register("smp", () -> cpu -> guest(cpu, seen));
        try (Machine m = DefaultPlatform.builder().guestPrograms(programs).vcpuTimeslice(20).build()) {
            RealmHost host = new RealmHost(m.host(0), new GranulePool(0x9000_0000L, 0x100_0000L));
            HostedRealm realm = host.build(new RealmImage("smp", new byte[0], 16, 2, 1, new byte[] {9}, 4));
            RunOutcome out = host.run(realm, HostCallHandler.ECHO, MmioHandler.NONE, 100_000);
            assertEquals(RunOutcome.Reason.SYSTEM_OFF, out.reason(), out.toString());
            assertEquals(PsciReturn.PSCI_SUCCESS.code(), seen.cpuOn);
            assertTrue(seen.affinityWhileOn == PsciReturn.AFFINITY_ON || seen.affinityWhileOn == PsciReturn.AFFINITY_OFF);
            assertEquals(PsciReturn.AFFINITY_OFF, seen.affinityAfterOff, "REC 1 turned itself off: " + out + " counter " + seen.secondaryCounter);
            assertEquals(0x1234, seen.secondaryCounter, "REC 1 ran and wrote shared realm memory");
            assertArrayEquals(new long[] {0, 0xA000, 0}, seen.ripas, "SUCCESS, whole range, ACCEPT");
            assertEquals(0, seen.sharedAfterChange, "RIPAS EMPTY");
            assertTrue(out.exits().getOrDefault("RMI_EXIT_IRQ", 0L) > 0, "timer preemption: " + out.exits());
            assertTrue(out.exits().get("RMI_EXIT_PSCI") >= 4, "CPU_ON, AFFINITY_INFO, CPU_OFF, SYSTEM_OFF: " + out.exits());
            host.destroy(realm);
            for (long pa : realm.delegatedGranules()) {
                assertArrayEquals(new byte[4096], m.host(0).read(pa, 4096), String.format("granule 0x%x", pa));
            }
        }
    }

    private static String runOnce() throws Exception {
        Seen seen = new Seen();
        GuestProgramRegistry programs = new GuestProgramRegistry().register("smp", () -> cpu -> guest(cpu, seen));
        try (Machine m = DefaultPlatform.builder().guestPrograms(programs).vcpuTimeslice(20).attestation(3).build()) {
            RealmHost host = new RealmHost(m.host(0), new GranulePool(0x9000_0000L, 0x100_0000L));
            HostedRealm realm = host.build(new RealmImage("smp", new byte[] {1}, 16, 2, 0, null, 4));
            RunOutcome out = host.run(realm, HostCallHandler.ECHO, MmioHandler.NONE, 100_000);
            host.destroy(realm);
            return out + " cycles=" + m.cycles(0) + " granules=" + realm.delegatedGranules();
        }
    }

    @Test
    void sameScenario_sameExitsCyclesAndGranules() throws Exception {
        String first = runOnce();
        String second = runOnce();
        assertEquals(first, second, "a second run of the same realm on a fresh machine");
    }

    @Test
    void failedGuest_parksInWfi_hostSeesIrqExitsNotAHang() {
        GuestProgramRegistry programs = new GuestProgramRegistry().register("broken", () -> cpu -> {
            throw new IllegalStateException("guest bug");
        });
        try (Machine m = DefaultPlatform.builder().guestPrograms(programs).build()) {
            RealmHost host = new RealmHost(m.host(0), new GranulePool(0x9000_0000L, 0x100_0000L));
            HostedRealm realm = host.build(RealmImage.of("broken", new byte[0], 4));
            RunOutcome out = host.run(realm, HostCallHandler.ECHO, MmioHandler.NONE, 50);
            assertEquals(RunOutcome.Reason.EXIT_LIMIT, out.reason());
            assertEquals(50L, out.exits().get("RMI_EXIT_IRQ"), "each WFI ends at the host timer");
            host.destroy(realm);
        }
    }
}
