package org.micasim.simulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.gpt.Gpi;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.guest.TrapKind;
import org.micasim.simulator.guest.Vcpu;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.pe.AccessGate;
import org.micasim.simulator.s2.S2Descriptor;
import org.micasim.simulator.s2.Vtcr;

/**
 * A broadcast TLBI completes (its DSB) only after the other PEs' accesses that may have used the old
 * translation or GPT information: PE 1 runs a realm while PE 0 unmaps its page, invalidates and scrubs or
 * undelegates it, as RMI_DATA_DESTROY and RMI_GRANULE_UNDELEGATE do. The interleaving is driven by the
 * vCPU's miss probe (the guest stops between its translation and its memory access, as a descheduled
 * thread would) and latches, not by timing.
 */
class BroadcastTlbiTest {
    static final long SETUP = 0xC400_0153L;
    static final long RUN = 0xC400_015CL;
    static final long DESTROY = 0xC400_0155L;
    static final int VMID = 5;
    static final long POOL = 0x8010_0000L;
    static final long IMAGE = 0x8020_0000L;
    static final long DATA = 0x8020_1000L;
    static final long DATA_IPA = 0x1000;
    static final long DELEGATE_AND_SCRUB = 0xC400_0151L;
    /** An unprotected IPA (top bit of a 40-bit IPA space), mapped with the NS bit to NS_PAGE. */
    static final long NS_IPA = 0x80_0000_0000L >>> 1;
    static final long NS_PAGE = 0x8030_0000L;

    final ScriptedFirmware fw = new ScriptedFirmware();
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    Machine machine;
    Stage2Builder s2;
    RealmVcpu vcpu;

    @BeforeEach
    void setUp() {
        fw.on(SETUP, (c, s) -> {
            for (long g = POOL; g < POOL + 8 * 4096; g += 4096) {
                s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, g);
            }
            s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, IMAGE);
            s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, DATA);
            byte[] image = GuestImage.granules(programName, new byte[0]);
            s.write(Pas.REALM, IMAGE, image, 0, image.length);
            s2 = new Stage2Builder(s, POOL);
            s2.mapPage(0, S2Descriptor.page(IMAGE));
            s2.mapPage(DATA_IPA, S2Descriptor.page(DATA));
            s2.mapPage(NS_IPA, S2Descriptor.page(NS_PAGE) | S2Descriptor.NS);
            vcpu = s.createVcpu(0, new long[8]);
            vcpu.setStage2(s2.root | ((long) VMID << 48), Vtcr.encode(40, 0, 40));
            c.setX(0, 0);
        });
        // RMI_DATA_DESTROY then RMI_GRANULE_UNDELEGATE, reduced to what the hardware sees: the entry made
        // invalid, TLBI IPAS2E1IS (+ DSB), the granule scrubbed, then (X1 = 1) EL3's undelegate.
        fw.on(DESTROY, (c, s) -> {
            s2.mapPage(DATA_IPA, 0);
            s.tlbiIpa(VMID, DATA_IPA);
            s.zeroGranule(Pas.REALM, DATA);
            if (c.x(1) == 1) {
                c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_UNDELEGATE, DATA).x0());
            } else {
                c.setX(0, 0);
            }
        });
        // RMI_GRANULE_DELEGATE: EL3 makes the granule Realm (TLBI RPALOS + DSB), then the RMM scrubs it.
        fw.on(DELEGATE_AND_SCRUB, (c, s) -> {
            c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, c.x(1)).x0());
            s.zeroGranule(Pas.REALM, c.x(1));
        });
        // Runs the realm until it ends (SMC SYSTEM_OFF) or faults; the host timer's IRQs just resume it.
        fw.on(RUN, (c, s) -> {
            TrapKind k;
            do {
                k = vcpu.run().kind();
            } while (k == TrapKind.IRQ);
            c.setX(0, k.ordinal());
        });
    }

    private String programName;

    private void boot(String program, GuestProgramRegistry programs) {
        programName = program;
        machine = Machine.builder().firmware(fw).guestPrograms(programs).processingElements(2).build();
        machine.boot();
        assertEquals(0, machine.host(0).smc(SETUP).x0());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        if (machine != null) {
            machine.close();
        }
    }

    /** The probe's wait on the guest thread, where an interruption (the pool shut down) ends the test. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted while the guest was stalled", e);
        }
    }

    /**
     * Waits until {@code destroy} has finished or is waiting for PE 1 (so the stalled guest access is
     * exactly in flight while PE 0's TLBI is outstanding), whichever the model does.
     */
    private void awaitDoneOrWaitingFor(Future<?> destroy, AccessGate gate) {
        while (!destroy.isDone() && gate.waiters() == 0) {
            Thread.yield();
        }
    }

    /** The store whose translation was obtained before PE 0's TLBI lands before PE 0 scrubs the page. */
    @Test
    void aStoreTranslatedBeforeTheTlbiCompletesBeforeTheScrub() throws Exception {
        boot("store-once", new GuestProgramRegistry().register("store-once", () -> (GuestCpu cpu) -> cpu.store64(DATA_IPA, 0xBAD)));
        CountDownLatch translated = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ((Vcpu) vcpu).setMissProbe(ipa -> {
            if (ipa == DATA_IPA) {
                translated.countDown();
                await(resume);
            }
        });
        Future<Long> run = pool.submit(() -> machine.host(1).smc(RUN).x0());
        translated.await();
        Future<Long> destroy = pool.submit(() -> machine.host(0).smc(DESTROY, 1).x0());
        awaitDoneOrWaitingFor(destroy, machine.pe(1).accessGate());
        resume.countDown();
        assertEquals(TrapKind.SMC.ordinal(), run.get(), "the store completed and the program ended (SYSTEM_OFF)");
        assertEquals(0, destroy.get());
        assertEquals(0, machine.peek64(DATA), "scrubbed after the store, not before");
        assertEquals(Gpi.NON_SECURE.value(), machine.gpiOf(DATA));
    }

    /** A guest looping over loads acknowledges PE 0's TLBI between two loads; the next one faults. */
    @Test
    void aGuestInALoadLoopLetsTheTlbiCompleteAndSeesItAtTheNextLoad() throws Exception {
        boot("load-loop", new GuestProgramRegistry().register("load-loop", () -> (GuestCpu cpu) -> {
            while (true) {
                cpu.load64(DATA_IPA);
            }
        }));
        CountDownLatch looping = new CountDownLatch(1);
        ((Vcpu) vcpu).setMissProbe(ipa -> looping.countDown());
        Future<Long> run = pool.submit(() -> machine.host(1).smc(RUN).x0());
        looping.await();
        assertEquals(0, machine.host(0).smc(DESTROY, 0).x0());
        assertEquals(TrapKind.DATA_ABORT.ordinal(), run.get(), "the unmapped page faults");
        assertEquals(0, machine.peek64(DATA));
        assertFalse(machine.pe(1).accessGate().held(), "the trap left the gate");
    }

    /**
     * The same for a GPT transition: a store through an unprotected mapping whose granule protection check
     * passed (Non-secure) lands before the host's delegation of that granule completes (TLBI RPALOS + DSB),
     * so the RMM's scrub after the delegation leaves the granule zero.
     */
    @Test
    void aStoreCheckedBeforeADelegationCompletesBeforeTheScrub() throws Exception {
        boot("ns-store", new GuestProgramRegistry().register("ns-store", () -> (GuestCpu cpu) -> cpu.store64(NS_IPA, 0xBAD)));
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ((Vcpu) vcpu).setMissProbe(ipa -> {
            if (ipa == NS_IPA) {
                checked.countDown();
                await(resume);
            }
        });
        Future<Long> run = pool.submit(() -> machine.host(1).smc(RUN).x0());
        checked.await();
        Future<Long> delegate = pool.submit(() -> machine.host(0).smc(DELEGATE_AND_SCRUB, NS_PAGE).x0());
        awaitDoneOrWaitingFor(delegate, machine.pe(1).accessGate());
        resume.countDown();
        assertEquals(TrapKind.SMC.ordinal(), run.get(), "the store completed and the program ended (SYSTEM_OFF)");
        assertEquals(0, delegate.get());
        assertEquals(Gpi.REALM.value(), machine.gpiOf(NS_PAGE));
        assertEquals(0, machine.peek64(NS_PAGE), "a delegated granule holds zeros");
    }
}
