package org.micasim.simulator.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.memory.Pas;

class GptTransitionsTest {
    static final long DRAM = 0x8000_0000L;

    @Test
    void bootUsesLargestContiguousDescriptorsAndEnablesGpc() {
        GptFixture f = new GptFixture();
        assertEquals(GptDescriptor.l1Contig(Gpi.NON_SECURE, 3), f.l1(DRAM));
        assertEquals(GptDescriptor.l1Contig(Gpi.NON_SECURE, 3), f.l1(0xFFFF_F000L));
        assertEquals(Gpi.ROOT.value(), GptDescriptor.gpiAt(f.l1(0x0600_0000L), 0));
        assertEquals(GptDescriptor.l1Granules(Gpi.ANY), f.l1(0x0620_0000L));
        assertEquals(GptDescriptor.l0Block(Gpi.ANY), f.memory.read64(f.l0EntryPa(0x1_0000_0000L)));
        Gpccr g = f.registers.config();
        assertTrue(g.gpc());
        assertEquals(2, g.pps());
        assertEquals(Gpccr.SH_INNER, g.sh());
        assertEquals(0x0600_0000L, f.registers.l0Base());
    }

    @Test
    void delegateShattersStepByStepAndUndelegateFusesBack() {
        GptFixture f = new GptFixture();
        long pa = DRAM + 0x0220_3000L;
        assertEquals(GptTransitionResult.OK, f.transitions.delegate(pa, Pas.REALM, f.sink));
        assertEquals(List.of("RPALOS 0x80000000+0x20000000", "RPALOS 0x82000000+0x2000000",
                "RPALOS 0x82200000+0x200000", "RPALOS 0x82203000+0x1000"), f.tlbis);
        assertEquals(Gpi.REALM.value(), f.gpc.lookupGpi(pa));
        assertEquals(Gpi.NON_SECURE.value(), f.gpc.lookupGpi(pa + 0x1000));
        assertEquals(Gpi.NON_SECURE.value(), f.gpc.lookupGpi(pa - 0x1000));
        assertEquals(GptDescriptor.l1Contig(Gpi.NON_SECURE, 2), f.l1(DRAM), "other 32 MiB blocks");
        assertEquals(GptDescriptor.l1Contig(Gpi.NON_SECURE, 1), f.l1(DRAM + 0x0200_0000L), "other 2 MiB blocks");
        assertEquals(GptDescriptor.l1Granules(Gpi.NON_SECURE), f.l1(DRAM + 0x0221_0000L), "other words of the 2 MiB block");
        assertEquals(GptDescriptor.l1Contig(Gpi.NON_SECURE, 3), f.l1(DRAM + 0x2000_0000L), "other 512 MiB blocks");

        f.tlbis.clear();
        assertEquals(GptTransitionResult.OK, f.transitions.undelegate(pa, Pas.REALM, f.sink));
        assertEquals(List.of("RPALOS 0x82203000+0x1000", "RPALOS 0x82203000+0x1000"), f.tlbis, "NO_ACCESS step then NS step");
        for (long a = DRAM; a < DRAM + (512L << 20); a += 1L << 16) {
            if (f.l1(a) != GptDescriptor.l1Contig(Gpi.NON_SECURE, 3)) {
                throw new AssertionError(String.format("not fused back at 0x%x: 0x%x", a, f.l1(a)));
            }
        }
    }

    @Test
    void fullTwoMegabyteBlockOfRealmGranulesFusesToRealmContiguous() {
        GptFixture f = new GptFixture();
        long block = DRAM + 0x0040_0000L;
        for (long a = block; a < block + (2L << 20); a += 4096) {
            assertEquals(GptTransitionResult.OK, f.transitions.delegate(a, Pas.REALM, f.sink));
        }
        assertEquals(GptDescriptor.l1Contig(Gpi.REALM, 1), f.l1(block));
        f.tlbis.clear();
        assertEquals(GptTransitionResult.OK, f.transitions.undelegate(block + 0x5000, Pas.REALM, f.sink));
        assertEquals("RPALOS 0x80400000+0x200000", f.tlbis.get(0), "shattering the fused Realm block first");
        assertEquals(Gpi.REALM.value(), f.gpc.lookupGpi(block + 0x4000));
        assertEquals(Gpi.NON_SECURE.value(), f.gpc.lookupGpi(block + 0x5000));
    }

    @Test
    void transitionsCheckArgumentsInTfaOrderAndChangeNothingWhenRejected() {
        GptFixture f = new GptFixture();
        long before = f.l1(DRAM);
        assertEquals(GptTransitionResult.INVALID, f.transitions.delegate(DRAM + 8, Pas.REALM, f.sink), "unaligned");
        assertEquals(GptTransitionResult.INVALID, f.transitions.delegate(1L << 40, Pas.REALM, f.sink), "beyond PPS");
        assertEquals(GptTransitionResult.INVALID, f.transitions.delegate(DRAM, Pas.NON_SECURE, f.sink), "caller NS");
        assertEquals(GptTransitionResult.INVALID, f.transitions.delegate(0x1_0000_0000L, Pas.REALM, f.sink), "L0 block");
        assertEquals(GptTransitionResult.DENIED, f.transitions.delegate(0x0600_0000L, Pas.REALM, f.sink), "Root granule");
        assertEquals(GptTransitionResult.DENIED, f.transitions.undelegate(DRAM, Pas.REALM, f.sink), "not Realm");
        assertEquals(before, f.l1(DRAM));
        assertTrue(f.tlbis.isEmpty());
        assertEquals(GptTransitionResult.OK, f.transitions.delegate(DRAM, Pas.SECURE, f.sink));
        assertEquals(GptTransitionResult.DENIED, f.transitions.undelegate(DRAM, Pas.REALM, f.sink), "Secure granule, Realm caller");
    }
}
