package org.micasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    @Test
    void untouchedMemoryReadsZeroWithoutAllocating() {
        PhysicalMemory m = new PhysicalMemory(MemoryMap.defaultPlatform());
        assertEquals(0, m.read64(0x8000_1000L));
        byte[] b = new byte[10];
        m.read(0x8000_2FFCL, b, 0, 10);
        assertArrayEquals(new byte[10], b);
        assertNull(m.pageOrNull(0x8000_1000L));
    }

    @Test
    void accessesCrossingPagesAreLittleEndian() {
        PhysicalMemory m = new PhysicalMemory(MemoryMap.defaultPlatform());
        m.write64(0x8000_0FFCL, 0x0102_0304_0506_0708L);
        assertEquals(0x08, m.read8(0x8000_0FFCL));
        assertEquals(0x01, m.read8(0x8000_1003L));
        assertEquals(0x0102_0304_0506_0708L, m.read64(0x8000_0FFCL));
        byte[] src = new byte[9000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) i;
        }
        m.write(0x8001_0F00L, src, 0, src.length);
        byte[] back = new byte[src.length];
        m.read(0x8001_0F00L, back, 0, back.length);
        assertArrayEquals(src, back);
        m.zeroGranule(0x8001_1234L);
        assertEquals(0, m.read8(0x8001_1000L));
        assertEquals((byte) (0x2100 - 0xF00), m.read8(0x8001_2100L));
    }

    @Test
    void memoryMapRejectsBadLayouts() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryRegion("x", 0x1001, 0x1000, Pas.NON_SECURE, true));
        assertThrows(IllegalArgumentException.class, () -> new MemoryMap(40, List.of(
                new MemoryRegion("a", 0x1000, 0x2000, Pas.NON_SECURE, true), new MemoryRegion("b", 0x2000, 0x1000, Pas.ROOT, false))));
        assertThrows(IllegalArgumentException.class, () -> new MemoryMap(32, List.of(MemoryMap.DEFAULT_NS_DRAM,
                new MemoryRegion("hi", 0x1_0000_0000L, 0x1000, Pas.NON_SECURE, true))));
        MemoryMap d = MemoryMap.defaultPlatform();
        assertEquals("ns-dram", d.regionOf(0xFFFF_FFFFL).name());
        assertNull(d.regionOf(0x1_0000_0000L));
    }
}
