package org.micasim.simulator.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.micasim.simulator.memory.Pas;

class GptDescriptorTest {
    @Test
    void gpiEncodingsAndPermissions() {
        assertEquals(0x0, Gpi.NO_ACCESS.value());
        assertEquals(0x8, Gpi.SECURE.value());
        assertEquals(0x9, Gpi.NON_SECURE.value());
        assertEquals(0xA, Gpi.ROOT.value());
        assertEquals(0xB, Gpi.REALM.value());
        assertEquals(0xF, Gpi.ANY.value());
        for (int v : new int[] {1, 2, 3, 4, 5, 6, 7, 0xC, 0xD, 0xE}) {
            assertNull(Gpi.fromValue(v), "reserved GPI " + v);
        }
        for (Pas pas : Pas.values()) {
            assertTrue(Gpi.permits(Gpi.ANY.value(), pas));
            assertFalse(Gpi.permits(Gpi.NO_ACCESS.value(), pas));
            for (Pas other : Pas.values()) {
                assertEquals(pas == other, Gpi.permits(Gpi.of(other).value(), pas), pas + " vs GPI of " + other);
            }
        }
    }

    @Test
    void levelZeroDescriptors() {
        assertEquals(0xB1, GptDescriptor.l0Block(Gpi.REALM));
        assertEquals(0x0000_0012_3456_7003L, GptDescriptor.l0Table(0x12_3456_7000L));
        assertEquals(0xB, GptDescriptor.blockGpi(GptDescriptor.l0Block(Gpi.REALM)));
    }

    @Test
    void levelOneGranulesAndContiguousDescriptors() {
        long ns = GptDescriptor.l1Granules(Gpi.NON_SECURE);
        assertEquals(0x9999_9999_9999_9999L, ns);
        long one = GptDescriptor.withGpi(ns, 5, Gpi.REALM);
        assertEquals(0x9999_9999_99B9_9999L, one);
        assertEquals(0xB, GptDescriptor.gpiAt(one, 5));
        assertEquals(0x9, GptDescriptor.gpiAt(one, 4));
        assertFalse(GptDescriptor.isContig(one));
        long c = GptDescriptor.l1Contig(Gpi.NON_SECURE, 3);
        assertEquals(0x391, c);
        assertTrue(GptDescriptor.isContig(c));
        assertEquals(3, GptDescriptor.contigField(c));
        assertEquals(2L << 20, GptDescriptor.contigSize(1));
        assertEquals(32L << 20, GptDescriptor.contigSize(2));
        assertEquals(512L << 20, GptDescriptor.contigSize(3));
        assertThrows(IllegalArgumentException.class, () -> GptDescriptor.l1Contig(Gpi.ROOT, 0));
    }

    @Test
    void gpccrRoundTripsAndValidates() {
        Gpccr g = new Gpccr(2, 1, 1, 3, 0, true, 0);
        assertEquals(0x1_3502L, g.encode());
        assertEquals(g, Gpccr.decode(g.encode()));
        assertEquals(40, g.protectedPaBits());
        assertTrue(g.valid(40));
        assertFalse(new Gpccr(3, 1, 1, 3, 0, true, 0).valid(40), "PPS above the PA size");
        assertFalse(new Gpccr(2, 1, 1, 3, 1, true, 0).valid(40), "64 KiB PGS not modelled");
        assertFalse(new Gpccr(2, 1, 1, 1, 0, true, 0).valid(40), "SH reserved");
        assertFalse(new Gpccr(2, 0, 0, 3, 0, true, 0).valid(40), "non-cacheable needs outer shareable");
        assertTrue(new Gpccr(2, 0, 0, 2, 0, true, 0).valid(40));
    }

    @Test
    void tlbiPaOperandEncoding() {
        TlbiPaOperand op = TlbiPaOperand.covering(0x8020_3000L, 2L << 20);
        assertEquals(3, op.size());
        assertEquals(0x8020_0000L, op.base());
        assertEquals((3L << 44) | 0x80203L, op.encode());
        assertEquals(op, TlbiPaOperand.decode(op.encode()));
        assertEquals(512L << 30, TlbiPaOperand.decode(9L << 44).bytes());
        assertThrows(IllegalArgumentException.class, () -> TlbiPaOperand.decode(10L << 44));
    }
}
