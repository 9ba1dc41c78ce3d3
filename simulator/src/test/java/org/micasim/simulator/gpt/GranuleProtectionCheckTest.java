package org.micasim.simulator.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.timing.EventKind;

class GranuleProtectionCheckTest {
    static final long DRAM = 0x8000_0000L;

    private static int check(GptFixture f, Pas pas, long pa) {
        return f.gpc.check(f.cache, pas, pa, f.sink);
    }

    /** A check after TLBI PAALL, as software must issue after changing the GPT. */
    private static int fresh(GptFixture f, Pas pas, long pa) {
        f.cache.invalidateAll();
        return check(f, pas, pa);
    }

    private static String outcome(int code) {
        return code == 0 ? "pass" : GpcFault.ofCode(code) + "@" + GpcFault.levelOfCode(code);
    }

    @Test
    void eachPasAgainstEachGpi() {
        GptFixture f = new GptFixture();
        assertEquals(GptTransitionResult.OK, f.transitions.delegate(DRAM + 0x1000, Pas.REALM, f.sink));
        assertEquals(GptTransitionResult.OK, f.transitions.delegate(DRAM + 0x2000, Pas.SECURE, f.sink));
        assertEquals("pass", outcome(check(f, Pas.NON_SECURE, DRAM)));
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.REALM, DRAM)));
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.ROOT, DRAM)), "Root is not ANY: an NS granule denies Root");
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.NON_SECURE, DRAM + 0x1000)), "NS access to a Realm granule");
        assertEquals("pass", outcome(check(f, Pas.REALM, DRAM + 0x1000)));
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.SECURE, DRAM + 0x1000)));
        assertEquals("pass", outcome(check(f, Pas.SECURE, DRAM + 0x2000)));
        assertEquals("pass", outcome(check(f, Pas.ROOT, 0x0600_0000L)), "the GPT's own granules are Root");
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.NON_SECURE, 0x0600_0000L)));
        for (Pas pas : Pas.values()) {
            assertEquals("pass", outcome(check(f, pas, 0x1000_0000L)), "ANY outside memory regions, " + pas);
        }
    }

    @Test
    void disabledCheckPassesEverything() {
        GptFixture f = new GptFixture();
        f.registers.writeGpccr(f.registers.config().withGpc(false).encode(), 0);
        f.memory.write64(f.l0EntryPa(DRAM), 0xDEAD);
        assertEquals("pass", outcome(check(f, Pas.REALM, DRAM)));
    }

    @Test
    void faultKindsInArchitecturalOrder() {
        // A 44-bit machine whose GPCCR protects only 40 bits: PAs above 2^40 exercise the PPS rule.
        GptFixture f = new GptFixture(new MemoryMap(44, List.of(MemoryMap.DEFAULT_ROOT_SRAM, MemoryMap.DEFAULT_NS_DRAM)));
        long good = f.registers.gpccr();
        long beyond = 1L << 41;
        f.registers.writeGpccr((good & ~7L) | 2, 0);
        assertEquals("pass", outcome(fresh(f, Pas.NON_SECURE, beyond)), "NS beyond PPS passes");
        assertEquals("ADDRESS_SIZE@0", outcome(fresh(f, Pas.REALM, beyond)));
        assertEquals("ADDRESS_SIZE@0", outcome(fresh(f, Pas.ROOT, beyond)));
        // 1. a bad configuration comes before the PPS rule
        f.registers.writeGpccr(good | (1L << 14), 0);
        assertEquals("WALK@0", outcome(fresh(f, Pas.REALM, beyond)));
        assertEquals("WALK@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)));
        f.registers.writeGpccr((good & ~7L) | 2, 0);
        // 2. GPTBR beyond PPS
        long gptbr = f.registers.gptbr();
        f.registers.writeGptbr(beyond >>> 12);
        assertEquals("ADDRESS_SIZE@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)));
        // 3. level-0 fetch from a PA that is not memory
        f.registers.writeGptbr(0x1000_0000L >>> 12);
        assertEquals("EXTERNAL_ABORT@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)));
        f.registers.writeGptbr(gptbr);
        // 4. level-0 descriptors
        long l0Pa = f.l0EntryPa(DRAM);
        long l0 = f.memory.read64(l0Pa);
        f.memory.write64(l0Pa, 0b0101);
        assertEquals("WALK@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "bad L0 type");
        f.memory.write64(l0Pa, GptDescriptor.l0Block(Gpi.NON_SECURE) | (1L << 8));
        assertEquals("WALK@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "RES0 bits in a block");
        f.memory.write64(l0Pa, 0x31);
        assertEquals("WALK@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "reserved GPI in a block");
        f.memory.write64(l0Pa, GptDescriptor.l0Block(Gpi.REALM));
        assertEquals("GRANULE_PROTECTION@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "a GPF found at level 0");
        f.memory.write64(l0Pa, GptDescriptor.l0Table(0x2_0000_0000L));
        assertEquals("EXTERNAL_ABORT@1", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "level-1 table not in memory");
        f.memory.write64(l0Pa, GptDescriptor.l0Table((l0 & GptDescriptor.L0_TABLE_ADDR_MASK) + 0x1000));
        assertEquals("WALK@0", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "misaligned level-1 table");
        f.memory.write64(l0Pa, l0);
        // 5. level-1 descriptors
        long l1Pa = f.l1EntryPa(DRAM);
        f.memory.write64(l1Pa, 0x91);
        assertEquals("WALK@1", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "Contig = 0 is reserved");
        f.memory.write64(l1Pa, GptDescriptor.l1Contig(Gpi.NON_SECURE, 1) | (1L << 12));
        assertEquals("WALK@1", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "RES0 bits in a contiguous descriptor");
        f.memory.write64(l1Pa, GptDescriptor.withGpi(GptDescriptor.l1Granules(Gpi.NON_SECURE), 0, Gpi.fromValue(0xF)) & ~0xFL | 0x3);
        assertEquals("WALK@1", outcome(fresh(f, Pas.NON_SECURE, DRAM)), "reserved GPI in a granules descriptor");
        assertEquals("pass", outcome(fresh(f, Pas.NON_SECURE, DRAM + 0x1000)), "its neighbours are fine");
        assertTrue(f.events.contains(EventKind.GPT_WALK_STEP));
    }

    @Test
    void cachedInformationIsUsedUntilARangeTlbiCoversIt() {
        GptFixture f = new GptFixture();
        long pa = DRAM + 0x40_0000L;
        long other = DRAM + 0x80_1000L;
        assertEquals(0, check(f, Pas.NON_SECURE, pa));
        assertEquals(0, check(f, Pas.NON_SECURE, other));
        // Change the GPT behind the cache's back: the cached GPI still applies.
        long l1Pa = f.l1EntryPa(pa);
        f.memory.write64(l1Pa, GptDescriptor.l1Granules(Gpi.REALM));
        f.memory.write64(f.l1EntryPa(other), GptDescriptor.l1Granules(Gpi.REALM));
        f.events.clear();
        assertEquals(0, check(f, Pas.NON_SECURE, pa));
        assertEquals(List.of(EventKind.GPC_CACHED), f.events);
        // A range TLBI of another 2 MiB block leaves it; one covering it drops only that entry.
        f.rpalos(TlbiPaOperand.covering(pa + 0x20_0000L, 2L << 20).encode());
        assertEquals(0, check(f, Pas.NON_SECURE, pa));
        f.rpalos(TlbiPaOperand.covering(pa, 2L << 20).encode());
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.NON_SECURE, pa)));
        assertEquals(0, check(f, Pas.NON_SECURE, other), "outside the range: still cached");
        f.paall(0);
        assertEquals("GRANULE_PROTECTION@1", outcome(check(f, Pas.NON_SECURE, other)));
    }
}
