package org.micasim.simulator.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.gpt.Gpi;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.guest.RealmTrap;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.guest.TrapKind;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.pe.SysReg;
import org.micasim.simulator.s2.S2Descriptor;
import org.micasim.simulator.s2.Vtcr;

class MachineTest {
    static final long DELEGATE = 0xC400_0151L;
    static final long UNDELEGATE = 0xC400_0152L;
    static final long SETUP = 0xC400_0153L;
    static final long RUN = 0xC400_015CL;
    static final long RSI_DOUBLE = 0xC400_0190L;
    static final long RSI_YIELD = 0xC400_0191L;
    static final long RSI_ADD_100 = 0xC400_0192L;
    static final long REMAP = 0xC400_0154L;
    static final long POOL = 0x8010_0000L;
    static final long IMAGE_NS = 0x8000_0000L;
    static final long IMAGE = 0x8020_0000L;
    static final long DATA = 0x8020_1000L;

    final ScriptedFirmware fw = new ScriptedFirmware();
    final List<RealmTrap> exits = new ArrayList<>();
    final List<Long> x9AtExit = new ArrayList<>();
    RealmVcpu vcpu;
    Stage2Builder s2;
    Machine machine;

    @BeforeEach
    void setUp() {
        fw.on(DELEGATE, (c, s) -> c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, c.x(1)).x0()));
        fw.on(UNDELEGATE, (c, s) -> c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_UNDELEGATE, c.x(1)).x0()));
        fw.on(SETUP, (c, s) -> {
            byte[] img = new byte[4096];
            s.read(Pas.NON_SECURE, IMAGE_NS, img, 0, img.length);
            s.write(Pas.REALM, IMAGE, img, 0, img.length);
            s.read(Pas.NON_SECURE, IMAGE_NS + 0x1000, img, 0, img.length);
            s.write(Pas.REALM, DATA, img, 0, img.length);
            Stage2Builder b = new Stage2Builder(s, POOL);
            s2 = b;
            b.mapPage(0, S2Descriptor.page(IMAGE));
            b.mapPage(0x1000, S2Descriptor.page(DATA));
            b.mapPage(0x2000, S2Descriptor.page(DATA) & ~S2Descriptor.S2AP_WRITE);
            b.mapPage(0x80_0000_0000L >>> 1, S2Descriptor.page(IMAGE_NS + 0x2000) | S2Descriptor.NS);
            vcpu = s.createVcpu(c.x(1), new long[] {7, 8});
            vcpu.setStage2(b.root | (5L << 48), Vtcr.encode(40, 0, 40));
            c.setX(0, 0);
        });
        fw.on(REMAP, (c, s) -> {
            s2.mapPage(0x1000, S2Descriptor.page(IMAGE));
            if (c.x(1) == 1) {
                s.tlbiIpa(5, 0x1000);
            }
            vcpu.setPc(vcpu.pc() + 4);
            c.setX(0, 0);
        });
        fw.on(RUN, (c, s) -> {
            if (c.x(2) == 1) {
                machine.pe(c.peIndex()).setSys(SysReg.SCR_EL3, machine.pe(c.peIndex()).sys(SysReg.SCR_EL3) | SysReg.SCR_GPF);
            }
            while (true) {
                RealmTrap t = vcpu.run();
                exits.add(t);
                x9AtExit.add(vcpu.x(9));
                if (t.kind() == TrapKind.SMC && vcpu.x(0) == RSI_DOUBLE) {
                    vcpu.setX(0, vcpu.x(1) * 2);
                    vcpu.setPc(vcpu.pc() + 4);
                    continue;
                }
                if (t.kind() == TrapKind.SMC && vcpu.x(0) == RSI_ADD_100) {
                    for (int i = 1; i <= 17; i++) {
                        vcpu.setX(i, vcpu.x(i) + 100);
                    }
                    vcpu.setPc(vcpu.pc() + 4);
                    continue;
                }
                if (t.kind() == TrapKind.DATA_ABORT && c.x(1) == 2) {
                    vcpu.injectSyncExternalAbort();
                    continue;
                }
                if (t.kind() == TrapKind.DATA_ABORT && c.x(1) == 1) {
                    vcpu.setX(9, 0x77);
                    vcpu.setPc(vcpu.pc() + 4);
                    continue;
                }
                c.setX(0, t.kind().ordinal());
                c.setX(1, t.esr());
                c.setX(2, t.far());
                c.setX(3, t.hpfar());
                return;
            }
        });
        GuestProgramRegistry programs = new GuestProgramRegistry();
        programs.register("adder", () -> (GuestCpu cpu) -> {
            long v = cpu.load64(0x1000);
            cpu.store64(0x1008, v + cpu.x(0) + cpu.parameters()[0]);
            long[] r = cpu.smc(RSI_DOUBLE, v);
            cpu.store64(0x1010, r[0]);
            cpu.store64(0x1018, cpu.load64(0x40_0000_0000L));
        });
        programs.register("smccc-17", () -> (GuestCpu cpu) -> {
            long[] args = new long[17];
            for (int i = 0; i < 17; i++) {
                args[i] = i + 1;
            }
            long[] r = cpu.smc(RSI_ADD_100, args);
            for (int i = 1; i < r.length; i++) {
                cpu.store64(0x1000 + 8L * i, r[i]);
            }
        });
        programs.register("faulter", () -> (GuestCpu cpu) -> {
            cpu.store64(0x1000, cpu.load64(0x5000));
            cpu.store64(0x2000, 1);
        });
        programs.register("sea-catcher", () -> (GuestCpu cpu) -> {
            try {
                cpu.load64(0x5000);
            } catch (org.micasim.simulator.guest.GuestException e) {
                cpu.store64(0x1000, e.kind() == org.micasim.simulator.guest.GuestException.Kind.SYNC_EXTERNAL_ABORT ? 0xEE : 1);
            }
            cpu.load64(0x6000);
        });
        programs.register("ns-twice", () -> (GuestCpu cpu) -> {
            cpu.store64(0x1000, cpu.load64(0x40_0000_0000L));
            cpu.smc(RSI_YIELD);
            cpu.store64(0x1008, cpu.load64(0x40_0000_0000L));
        });
        programs.register("spinner", () -> (GuestCpu cpu) -> {
            cpu.compute(2_500_000);
            cpu.store64(0x1000, 1);
        });
        programs.register("sleeper", () -> (GuestCpu cpu) -> {
            cpu.store64(0x1000, 1);
            cpu.waitForEvent();
            cpu.store64(0x1000, 2);
            cpu.waitForInterrupt();
            cpu.store64(0x1000, 3);
        });
        programs.register("ns-reader", () -> (GuestCpu cpu) -> cpu.store64(0x1000, cpu.load64(0x40_0000_0000L)));
        programs.register("remapper", () -> (GuestCpu cpu) -> {
            long v1 = cpu.load64(0x1000);
            cpu.smc(RSI_YIELD);
            cpu.store64(0x1010, cpu.load64(0x1000) + v1 * 0);
        });
        programs.register("copier", () -> (GuestCpu cpu) -> {
            byte[] b = new byte[6000];
            cpu.load(0, b, 0, 16);
            cpu.store(0xFF0, b, 0, 16);
            cpu.load(0x1000 - 3, b, 0, 3 + 8);
            cpu.store(0x1FFC, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
        });
        machine = Machine.builder().firmware(fw).guestPrograms(programs).processingElements(2).build();
        machine.boot();
    }

    @AfterEach
    void tearDown() {
        machine.close();
    }

    private void delegate(long pa) {
        assertEquals(0, machine.host(0).smc(DELEGATE, pa).x0(), "delegate " + Long.toHexString(pa));
    }

    void prepareRealm(String program, byte param) throws PhysicalAccessException {
        HostCpu host = machine.host(0);
        host.write(IMAGE_NS, GuestImage.granules(program, new byte[] {param}));
        host.write64(IMAGE_NS + 0x1000, 0x5151);
        host.write64(IMAGE_NS + 0x2000, 0x6161);
        for (long g = 0; g < 6; g++) {
            delegate(POOL + g * 4096);
        }
        delegate(IMAGE);
        delegate(DATA);
        assertEquals(0, host.smc(SETUP, 0).x0());
    }

    @Test
    void bootLeavesDramNonSecureAndRunsFirmwareBoot() {
        assertEquals(1, fw.boots);
        assertEquals(Gpi.NON_SECURE.value(), machine.gpiOf(0x8000_0000L));
        assertEquals(Gpi.NON_SECURE.value(), machine.gpiOf(0xFFFF_F000L));
        assertEquals(Gpi.ROOT.value(), machine.gpiOf(0x0600_0000L));
        assertEquals(Gpi.ANY.value(), machine.gpiOf(0x1000_0000L));
        assertTrue(machine.gptRegisters().config().gpc());
    }

    @Test
    void hostSmcRoutingAndUnknownFids() {
        HostCpu host = machine.host(1);
        assertEquals(-1, host.smc(0xC400_0200L).x0(), "not RMI: SMC_UNK");
        assertEquals(-1, host.smc(SmcFid.RMM_GTSI_DELEGATE, 0x8000_0000L).x0(), "RMM-EL3 FIDs are not served to NS");
        assertEquals(Gpi.NON_SECURE.value(), machine.gpiOf(0x8000_0000L));
        assertEquals(0x10001, host.smc(SmcFid.PSCI_VERSION).x0());
        assertEquals(1, host.smc(0xC400_016FL).x0(), "Mica's range reaches the firmware");
        assertEquals(Pas.NON_SECURE, machine.pe(1).securityState());
    }

    @Test
    void theSveHintDoesNotChangeRouting() {
        HostCpu host = machine.host(1);
        fw.on(0xC401_0150L, (c, s) -> c.setX(0, 0x5E));
        assertEquals(0x5E, host.smc(0xC401_0150L).x0(), "an RMI FID with bit 16 reaches the firmware, X0 unchanged");
        assertEquals(1, host.smc(0xC401_016FL).x0(), "and so does Mica's range");
        assertEquals(0x10001, host.smc(SmcFid.PSCI_VERSION | SmcFid.SVE_HINT).x0());
        assertEquals(-1, host.smc(0xC401_0200L).x0(), "not RMI with or without the hint: SMC_UNK");
        assertEquals(-1, host.smc(SmcFid.RMM_GTSI_DELEGATE | SmcFid.SVE_HINT, 0x8000_0000L).x0(),
                "the hint does not open the RMM-EL3 FIDs to NS");
        assertEquals(Pas.NON_SECURE, machine.pe(1).securityState());
    }

    @Test
    void delegateMakesGranuleRealmAndHostAccessFaultWithoutChangingMemory() throws Exception {
        HostCpu host = machine.host(0);
        host.write64(0x8000_3000L, 0x1122_3344_5566_7788L);
        delegate(0x8000_3000L);
        assertEquals(Gpi.REALM.value(), machine.gpiOf(0x8000_3000L));
        assertThrows(PhysicalAccessException.class, () -> host.read64(0x8000_3000L));
        byte[] big = new byte[8192];
        java.util.Arrays.fill(big, (byte) 0x5A);
        assertThrows(PhysicalAccessException.class, () -> host.write(0x8000_2000L, big), "range crosses into a Realm granule");
        assertEquals(0, machine.peek64(0x8000_2000L), "the NS half was not written");
        assertEquals(0x1122_3344_5566_7788L, machine.peek64(0x8000_3000L));
        assertEquals(0b101000, machine.pe(0).sys(SysReg.ESR_EL2) & 0x3F, "GPCF reported to EL2");
        assertEquals(-3, host.smc(DELEGATE, 0x8000_3000L).x0(), "already Realm: E_RMM_BAD_PAS");
        assertEquals(-2, host.smc(DELEGATE, 0x8000_3008L).x0(), "unaligned: E_RMM_BAD_ADDR");
        assertEquals(0, host.smc(UNDELEGATE, 0x8000_3000L).x0());
        assertEquals(0x1122_3344_5566_7788L, host.read64(0x8000_3000L), "EL3 does not scrub");
    }

    @Test
    void guestProgramRunsThroughStage2AndTrapsSmc() throws Exception {
        prepareRealm("adder", (byte) 3);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.SMC.ordinal(), r.x0(), "the finished program issues an SMC (PSCI SYSTEM_OFF)");
        assertEquals(SmcFid.PSCI_SYSTEM_OFF, vcpu.x(0));
        assertEquals(0x5151 + 7 + 3, machine.peek64(DATA + 8));
        assertEquals(0x5151 * 2, machine.peek64(DATA + 0x10));
        assertEquals(0x6161, machine.peek64(DATA + 0x18), "unprotected IPA with NS bit reads NS memory");
        assertTrue(machine.cycles(0) > 0);
        assertTrue(!machine.tlbEntries(0).isEmpty());
    }

    @Test
    void hostRangeThatWrapsPastTheAddressSpaceIsAnAccessErrorNotACrash() throws Exception {
        HostCpu host = machine.host(0);
        PhysicalAccessException e = assertThrows(PhysicalAccessException.class, () -> host.read(0xFFFF_FFFF_FFFF_F000L, 8192));
        assertTrue(e.getMessage().contains("wraps"), e.getMessage());
        assertThrows(PhysicalAccessException.class, () -> host.write(0xFFFF_FFFF_FFFF_FFF8L, new byte[16]));
        assertThrows(PhysicalAccessException.class, () -> host.read(0xFFFF_FFFF_FFFF_F000L, 4096), "beyond the PA space");
    }

    @Test
    void guestSmcPassesAndReturnsX1ToX17() throws Exception {
        prepareRealm("smccc-17", (byte) 0);
        machine.host(0).smc(RUN, 0);
        for (int i = 1; i <= 17; i++) {
            assertEquals(i + 100, machine.peek64(DATA + 8L * i), "X" + i + " as the firmware returned it");
        }
    }

    @Test
    void unmappedAccessTrapsWithSyndromeAndEmulationCompletesIt() throws Exception {
        prepareRealm("faulter", (byte) 0);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.DATA_ABORT.ordinal(), r.x0());
        long esr = r.x1();
        assertEquals(0x24, esr >>> 26, "EC data abort from a lower EL");
        assertEquals(1, (esr >>> 24) & 1, "ISV");
        assertEquals(3, (esr >>> 22) & 3, "SAS 64-bit");
        assertEquals(9, (esr >>> 16) & 0x1F, "SRT");
        assertEquals(0, (esr >>> 6) & 1, "read");
        assertEquals(0b000111, esr & 0x3F, "translation fault level 3");
        assertEquals(0x5000, r.x2());
        assertEquals(0x5L << 4, r.x3());
        // Emulate it (the firmware completes the load with X9 = 0x77), then the store to a read-only page faults.
        r = machine.host(0).smc(RUN, 1);
        assertEquals(0x77, machine.peek64(DATA));
        assertEquals(TrapKind.SMC.ordinal(), r.x0(), "the store's permission fault was emulated too, the program ended");
        RealmTrap perm = exits.get(exits.size() - 2);
        assertEquals(TrapKind.DATA_ABORT, perm.kind());
        assertEquals(1, (perm.esr() >>> 6) & 1, "WnR");
        assertEquals(0b001111, perm.esr() & 0x3F, "permission fault level 3");
        assertEquals(1, x9AtExit.get(exits.size() - 2), "the store's value is in X[SRT] for the emulator");
        assertEquals(0, machine.peek64(DATA + 0x1000), "the faulting store did not write");
    }

    @Test
    void longRunningGuestIsPreemptedByTheHostTimer() throws Exception {
        prepareRealm("spinner", (byte) 0);
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(TrapKind.SMC.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(1, machine.peek64(DATA));
        assertEquals(2_500_000, machine.statistics().find("pe0/GUEST_INSTRUCTIONS/amount").value());
    }

    @Test
    void trappedWfxExitsWithTheWfxSyndrome() throws Exception {
        prepareRealm("sleeper", (byte) 0);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.WFX.ordinal(), r.x0());
        assertEquals(0x01L << 26 | 1L << 25 | 1, r.x1(), "EC 0x01, IL, TI 1: WFE");
        assertEquals(1, machine.peek64(DATA));
        r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.WFX.ordinal(), r.x0());
        assertEquals(0x01L << 26 | 1L << 25, r.x1(), "TI 0: WFI");
        assertEquals(2, machine.peek64(DATA));
    }

    @Test
    void untrappedWfxSleepsUntilTheHostTimerIrq() throws Exception {
        prepareRealm("sleeper", (byte) 0);
        vcpu.setWfxTraps(false, false);
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0(), "WFE sleeps until the timer");
        assertEquals(1, machine.peek64(DATA));
        assertEquals(1_000_000 - 2, machine.statistics().find("pe0/GUEST_INSTRUCTIONS/amount").value(),
                "the rest of the time slice (after the store and the WFE) is charged as idle time");
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0(), "WFI sleeps until the timer");
        assertEquals(2, machine.peek64(DATA));
        assertEquals(TrapKind.SMC.ordinal(), machine.host(0).smc(RUN, 0).x0(), "woken, the program ends: SYSTEM_OFF");
        assertEquals(SmcFid.PSCI_SYSTEM_OFF, vcpu.x(0));
        assertEquals(3, machine.peek64(DATA));
    }

    @Test
    void parkedVcpuWithUntrappedWfiTakesTheTimerIrqEveryRun() throws Exception {
        prepareRealm("nosuch", (byte) 0);
        vcpu.setWfxTraps(false, true);
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(TrapKind.IRQ.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(2 * (1_000_000 - 1), machine.statistics().find("pe0/GUEST_INSTRUCTIONS/amount").value());
        vcpu.setWfxTraps(true, false);
        assertEquals(TrapKind.WFX.ordinal(), machine.host(0).smc(RUN, 0).x0(), "trapped again");
    }

    @Test
    void nsMappingOfADelegatedGranuleGivesAGranuleProtectionFault() throws Exception {
        prepareRealm("ns-reader", (byte) 0);
        delegate(IMAGE_NS + 0x2000);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.DATA_ABORT.ordinal(), r.x0());
        assertEquals(0b101000, r.x1() & 0x3F, "GPCF");
        assertEquals(0x40_0000_0000L, r.x2());
    }

    @Test
    void gpcExceptionFromAGuestAccessPanicsEl3WhenScrGpfIsSet() throws Exception {
        prepareRealm("ns-reader", (byte) 0);
        delegate(IMAGE_NS + 0x2000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.host(0).smc(RUN, 0, 1));
        assertTrue(e.getMessage().contains("EL3 panic"), e.getMessage());
        assertEquals(0x1E, machine.pe(0).sys(SysReg.ESR_EL3) >>> 26);
        assertEquals(0b001101, (machine.pe(0).sys(SysReg.ESR_EL3) >>> 14) & 0x3F, "GPCSC: GPF at level 1");
        assertEquals((IMAGE_NS + 0x2000) | (1L << 63), machine.pe(0).sys(SysReg.MFAR_EL3), "NS PAS in MFAR");
        assertEquals(Pas.NON_SECURE, machine.pe(0).securityState(), "EL3 restored the host world");
    }

    @Test
    void tlbKeepsATranslationUntilTheFirmwareInvalidatesIt() throws Exception {
        for (int tlbi = 0; tlbi <= 1; tlbi++) {
            if (tlbi == 1) {
                tearDown();
                setUp();
            }
            prepareRealm("remapper", (byte) 0);
            assertEquals(TrapKind.SMC.ordinal(), machine.host(0).smc(RUN, 0).x0());
            assertEquals(RSI_YIELD, vcpu.x(0));
            assertEquals(0, machine.host(0).smc(REMAP, tlbi).x0());
            assertEquals(TrapKind.SMC.ordinal(), machine.host(0).smc(RUN, 0).x0());
            if (tlbi == 0) {
                assertEquals(0x5151, machine.peek64(DATA + 0x10), "stale TLB entry still used without TLBI");
            } else {
                assertEquals(machine.peek64(IMAGE), machine.peek64(IMAGE + 0x10), "after TLBI the new mapping is used");
            }
        }
    }

    @Test
    void bulkAccessesCrossPagesAndFaultPerPiece() throws Exception {
        prepareRealm("copier", (byte) 0);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.DATA_ABORT.ordinal(), r.x0(), "the store at 0x1ffc crosses into the read-only page");
        assertEquals(0x2000, r.x2(), "the first piece in the read-only page faults");
        assertEquals(2, (r.x1() >>> 22) & 3, "a 4-byte piece");
        assertEquals(0x0403_0201L, machine.peek64(DATA + 0xFF8) >>> 32, "the piece before it was written");
        byte[] head = machine.peek(IMAGE + 0xFF0, 16);
        assertArrayEquals(machine.peek(IMAGE, 16), head);
    }

    @Test
    void unregisteredProgramOrMissingDescriptorParksTheVcpu() throws Exception {
        prepareRealm("nosuch", (byte) 0);
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.WFX.ordinal(), r.x0());
        assertEquals(TrapKind.WFX.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertTrue(((org.micasim.simulator.guest.Vcpu) vcpu).failure().contains("not registered"));
    }

    @Test
    void unmappedEntryPointGivesInstructionAbortsAndCloseEndsTheThread() throws Exception {
        prepareRealm("adder", (byte) 0);
        assertEquals(0, machine.host(0).smc(SETUP, 0x9000).x0());
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.INSTRUCTION_ABORT.ordinal(), r.x0());
        assertEquals(0x20, r.x1() >>> 26);
        assertEquals(0b000111, r.x1() & 0x3F);
        assertEquals(0x9000, r.x2());
        org.micasim.simulator.guest.Vcpu v = (org.micasim.simulator.guest.Vcpu) vcpu;
        v.close();
        assertTrue(v.terminated());
        assertThrows(IllegalStateException.class, () -> v.run());
    }

    @Test
    void runOutsideFirmwareIsRejected() throws Exception {
        prepareRealm("adder", (byte) 0);
        assertThrows(IllegalStateException.class, () -> vcpu.run());
        assertThrows(IllegalStateException.class, () -> fw.services.read64(Pas.REALM, IMAGE));
        assertEquals(-1, machine.host(0).smc(SmcFid.RMM_GTSI_UNDELEGATE, IMAGE).x0());
    }

    @Test
    void injectedAbortIsThrownInTheGuestAndAnUncaughtOneEndsTheProgram() throws Exception {
        prepareRealm("sea-catcher", (byte) 0);
        SmcResult r = machine.host(0).smc(RUN, 2);
        assertEquals(TrapKind.WFX.ordinal(), r.x0(), "the second, uncaught abort ended the program: parked");
        assertEquals(0xEE, machine.peek64(DATA));
        assertTrue(((org.micasim.simulator.guest.Vcpu) vcpu).failure().contains("SYNC_EXTERNAL_ABORT"));
    }

    @Test
    void delegatingAGranuleDropsTheGpcResultCachedWithTheTranslation() throws Exception {
        prepareRealm("ns-twice", (byte) 0);
        assertEquals(TrapKind.SMC.ordinal(), machine.host(0).smc(RUN, 0).x0());
        assertEquals(0x6161, machine.peek64(DATA));
        assertTrue(machine.tlbEntries(0).stream().anyMatch(e -> e.paPage() == IMAGE_NS + 0x2000), "cached with its GPC result");
        delegate(IMAGE_NS + 0x2000);
        assertTrue(machine.tlbEntries(0).stream().noneMatch(e -> e.paPage() == IMAGE_NS + 0x2000), "TLBI RPALOS dropped it");
        assertEquals(0, machine.host(0).smc(REMAP, 0).x0());
        SmcResult r = machine.host(0).smc(RUN, 0);
        assertEquals(TrapKind.DATA_ABORT.ordinal(), r.x0());
        assertEquals(0b101000, r.x1() & 0x3F, "the second read sees the Realm GPI");
    }
}
