package org.micasim.simulator.s2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.GptInvalidation;
import org.micasim.simulator.gpt.GptRegisters;
import org.micasim.simulator.gpt.GptTransitionResult;
import org.micasim.simulator.gpt.GptTransitions;
import org.micasim.simulator.gpt.GranuleProtectionCheck;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventSink;
import org.micasim.simulator.tlb.Tlb;

class Stage2WalkerTest {
    static final long POOL = 0x9000_0000L;
    static final EventSink NONE = (k, a) -> { };

    PhysicalMemory memory;
    GptTransitions transitions;
    Stage2Walker walker;
    final GptCache cache = new GptCache(256);
    final AccessFault fault = new AccessFault();
    long next;

    @BeforeEach
    void setUp() {
        memory = new PhysicalMemory(MemoryMap.defaultPlatform());
        GranuleProtectionCheck gpc = new GranuleProtectionCheck(memory, new GptRegisters());
        transitions = new GptTransitions(memory, gpc, new GptInvalidation() {
            @Override public void paall(int pe) { cache.invalidateAll(); }
            @Override public void paallos() { cache.invalidateAll(); }
            @Override public void rpalos(long operand) { cache.invalidateAll(); }
            @Override public void rpaos(long operand) { cache.invalidateAll(); }
        }, 0);
        transitions.initialise(NONE);
        walker = new Stage2Walker(new ProtectedMemory(memory, gpc));
        next = POOL;
    }

    /** A fresh, zeroed Realm granule for a table (tables of 16 concatenated granules are 64 KiB aligned). */
    long table(int granules) {
        next = (next + granules * 4096L - 1) & -(granules * 4096L);
        long t = next;
        for (int i = 0; i < granules; i++) {
            assertEquals(GptTransitionResult.OK, transitions.delegate(t + i * 4096L, Pas.REALM, NONE));
        }
        next += granules * 4096L;
        return t;
    }

    long walk(long root, long vtcr, long ipa) {
        return walker.walk(root | (3L << 48), vtcr, true, ipa, cache, NONE, false, fault);
    }

    static long pa(long data) {
        return data & Tlb.DATA_PA_MASK;
    }

    static int level(long data) {
        return (int) (data >>> Tlb.DATA_LEVEL_SHIFT) & 3;
    }

    @ParameterizedTest(name = "start level {0}, {1}-bit IPA, {2} root tables")
    @CsvSource({"0, 48, 1", "0, 40, 1", "1, 39, 1", "1, 40, 2", "1, 43, 16", "2, 30, 1", "2, 32, 4", "2, 31, 2", "3, 24, 8"})
    void everyStartLevelAndConcatenation(int start, int ipaBits, int roots) {
        long vtcr = Vtcr.encode(ipaBits, start, 40);
        assertEquals(start, Vtcr.decode(vtcr).startLevel());
        assertTrue(Vtcr.decode(vtcr).valid());
        long root = table(roots);
        long ipa = (1L << ipaBits) - 0x1000;
        long t = root + ((ipa >>> (12 + 9 * (3 - start))) & ((long) roots * 512 - 1)) * 8;
        for (int l = start; l < 3; l++) {
            long nt = table(1);
            memory.write64(t, S2Descriptor.table(nt));
            t = nt + ((ipa >>> (12 + 9 * (3 - (l + 1)))) & 0x1FF) * 8;
        }
        memory.write64(t, S2Descriptor.page(0x8765_4000L));
        long d = walk(root, vtcr, ipa + 0x10);
        assertEquals(0x8765_4000L, pa(d), () -> "fault " + fault);
        assertEquals(3, level(d));
        assertEquals(Pas.REALM.encoding(), (int) (d >>> Tlb.DATA_PAS_SHIFT) & 3);
        assertEquals(0, walk(root, vtcr, 1L << ipaBits), "beyond the IPA size");
        assertEquals(FaultStatus.TRANSLATION | start, fault.fsc);
    }

    @Test
    void blocksAtLevelsOneAndTwoAndNsOutput() {
        long vtcr = Vtcr.encode(40, 0, 40);
        long l0 = table(1);
        long l1 = table(1);
        long l2 = table(1);
        memory.write64(l0, S2Descriptor.table(l1));
        memory.write64(l1 + 8 * 2, S2Descriptor.block(0xC000_0000L));
        memory.write64(l1 + 8 * 3, S2Descriptor.table(l2));
        memory.write64(l2 + 8 * 5, S2Descriptor.block(0x8060_0000L) | S2Descriptor.NS);
        long d = walk(l0, vtcr, 0x8012_3456L);
        assertEquals(0xC012_3000L, pa(d), "1 GiB block keeps IPA[29:12]");
        assertEquals(1, level(d));
        d = walk(l0, vtcr, 0xC0A1_2345L);
        assertEquals(0x8061_2000L, pa(d), "2 MiB block keeps IPA[20:12]");
        assertEquals(2, level(d));
        assertEquals(Pas.NON_SECURE.encoding(), (int) (d >>> Tlb.DATA_PAS_SHIFT) & 3, "NS bit 55 outputs to the NS PAS");
        assertTrue((d & Tlb.DATA_READ) != 0 && (d & Tlb.DATA_WRITE) != 0);
    }

    @Test
    void faultsOfEachKindAtTheirLevel() {
        long vtcr = Vtcr.encode(40, 0, 40);
        long l0 = table(1);
        long l1 = table(1);
        long l2 = table(1);
        long l3 = table(1);
        memory.write64(l0, S2Descriptor.table(l1));
        memory.write64(l1, S2Descriptor.table(l2));
        memory.write64(l2, S2Descriptor.table(l3));
        assertEquals(0, walk(l0, vtcr, 0x1000));
        assertEquals(FaultStatus.TRANSLATION | 3, fault.fsc, "invalid level-3 entry");
        assertEquals(0, walk(l0, vtcr, 0x4000_0000L));
        assertEquals(FaultStatus.TRANSLATION | 1, fault.fsc, "invalid level-1 entry");
        assertEquals(0, walk(l0, vtcr, 0x20_0000L));
        assertEquals(FaultStatus.TRANSLATION | 2, fault.fsc);
        memory.write64(l3 + 8, S2Descriptor.block(0x8000_0000L));
        assertEquals(0, walk(l0, vtcr, 0x1000));
        assertEquals(FaultStatus.TRANSLATION | 3, fault.fsc, "block type at level 3 is invalid");
        memory.write64(l0 + 8, S2Descriptor.block(0));
        assertEquals(0, walk(l0, vtcr, 1L << 39));
        assertEquals(FaultStatus.TRANSLATION, fault.fsc, "no level-0 blocks with 4 KiB granules");
        memory.write64(l3 + 16, S2Descriptor.page(0x8000_0000L) & ~S2Descriptor.AF);
        assertEquals(0, walk(l0, vtcr, 0x2000));
        assertEquals(FaultStatus.ACCESS_FLAG | 3, fault.fsc);
        memory.write64(l3 + 24, S2Descriptor.page(1L << 41));
        assertEquals(0, walk(l0, vtcr, 0x3000));
        assertEquals(FaultStatus.ADDRESS_SIZE | 3, fault.fsc, "output beyond PS");
        // A table in a Non-secure granule: GPC fault on the walk, at the level of the read.
        memory.write64(l1 + 8, S2Descriptor.table(0x8800_0000L));
        assertEquals(0, walk(l0, vtcr, 0x4000_0000L));
        assertEquals(FaultStatus.GPCF_ON_WALK | 2, fault.fsc);
        assertTrue(fault.onWalk);
        assertFalse(fault.gpcException);
        assertEquals(0x8800_0000L, fault.pa);
        // The same fault as a GPC exception to EL3 when SCR_EL3.GPF is set.
        cache.invalidateAll();
        assertEquals(0, walker.walk(l0 | (3L << 48), vtcr, true, 0x4000_0000L, cache, NONE, true, fault));
        assertTrue(fault.gpcException);
        // A table pointer outside memory: external abort on the walk.
        memory.write64(l1 + 16, S2Descriptor.table(0x2000_0000L));
        assertEquals(0, walk(l0, vtcr, 0x8000_0000L));
        assertEquals(FaultStatus.EXTERNAL_ABORT_ON_WALK | 2, fault.fsc);
        // A bad VTCR (TG0 = 64 KiB) is a level-0 translation fault.
        assertEquals(0, walk(l0, vtcr | (1L << 14), 0));
        assertEquals(FaultStatus.TRANSLATION, fault.fsc);
    }
}
