package org.micasim.simulator.s2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.GptRegisters;
import org.micasim.simulator.gpt.GranuleProtectionCheck;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;
import org.micasim.simulator.tlb.Tlb;

class Stage2MmuTest {
    static final int VMID = 3;
    static final long IPA = 0x1000;
    static final long ROOT = 0x9000_0000L;
    static final long L1 = ROOT + 0x1000;
    static final long L2 = ROOT + 0x2000;
    static final long L3_OLD = ROOT + 0x3000;
    static final long L3_NEW = ROOT + 0x4000;
    static final long PA_OLD = 0x9100_0000L;
    static final long PA_NEW = 0x9200_0000L;

    PhysicalMemory memory;
    Stage2Mmu mmu;
    final Tlb tlb = new Tlb(16, 4);
    /** The other PE's action, run once when the walk reports its level-3 step (set by a test). */
    Runnable atLevel3;

    @BeforeEach
    void setUp() {
        memory = new PhysicalMemory(MemoryMap.defaultPlatform());
        // GPC off: every access passes, so only the tables matter here.
        ProtectedMemory pm = new ProtectedMemory(memory, new GranuleProtectionCheck(memory, new GptRegisters()));
        memory.write64(ROOT, S2Descriptor.table(L1));
        memory.write64(L1, S2Descriptor.table(L2));
        memory.write64(L2, S2Descriptor.table(L3_OLD));
        memory.write64(L3_OLD + 8, S2Descriptor.page(PA_OLD));
        memory.write64(L3_NEW + 8, S2Descriptor.page(PA_NEW));
        EventSink sink = (kind, amount) -> {
            if (kind == EventKind.S2_WALK_STEP && amount == 3 && atLevel3 != null) {
                Runnable r = atLevel3;
                atLevel3 = null;
                r.run();
            }
        };
        mmu = new Stage2Mmu(pm, new Stage2Walker(pm));
        mmu.bind(tlb, new GptCache(64), sink, ROOT | ((long) VMID << 48), Vtcr.encode(40, 0, 40), false, false);
    }

    /**
     * Another PE replaces the level-3 table (the level-2 entry the walk already read now points elsewhere)
     * and invalidates while the walk reads the old table: the overtaken result is neither cached nor used,
     * the walk is repeated and the access gets the new translation.
     */
    @Test
    void aWalkOvertakenByAnInvalidationIsWalkedAgain() {
        atLevel3 = () -> {
            memory.write64(L2, S2Descriptor.table(L3_NEW));
            tlb.invalidateIpa(VMID, false, IPA);
        };
        assertEquals(PA_NEW, mmu.translate(IPA, true));
        assertEquals(PA_NEW, mmu.translate(IPA, false), "the new translation is the one cached");
    }

    /** Likewise when the other PE unmapped the page: the repeated walk faults. */
    @Test
    void anOvertakenWalkOfAnUnmappedPageFaults() {
        atLevel3 = () -> {
            memory.write64(L2, 0);
            tlb.invalidateIpa(VMID, false, IPA);
        };
        assertEquals(-1, mmu.translate(IPA, true));
        assertEquals(FaultStatus.TRANSLATION | 2, mmu.fault().fsc);
    }

    /** Without an invalidation the first walk's result is used and cached. */
    @Test
    void anUndisturbedWalkIsUsedAndCached() {
        assertEquals(PA_OLD | 0x18, mmu.translate(IPA | 0x18, false));
        assertEquals(1, tlb.entries().size());
    }
}
