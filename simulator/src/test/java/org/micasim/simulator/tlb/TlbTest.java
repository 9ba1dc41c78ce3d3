package org.micasim.simulator.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlbTest {
    static long data(long pa, int level) {
        return pa | ((long) level << Tlb.DATA_LEVEL_SHIFT) | Tlb.DATA_READ | Tlb.DATA_WRITE | (3L << Tlb.DATA_PAS_SHIFT);
    }

    @Test
    void tagsSeparateVmidAndSecurityState() {
        Tlb tlb = new Tlb(16, 2);
        tlb.fill(1, true, 0x5000, data(0x8000_0000L, 3), tlb.epoch());
        assertNotEquals(0, tlb.lookup(1, true, 0x5FFF));
        assertEquals(0, tlb.lookup(2, true, 0x5000), "other VMID");
        assertEquals(0, tlb.lookup(1, false, 0x5000), "other security state");
        assertEquals(0, tlb.invalidateVmid(2, true) + tlb.invalidateVmid(1, false), "nothing else dropped");
        assertEquals(1, tlb.invalidateVmid(1, true));
        assertEquals(0, tlb.lookup(1, true, 0x5000));
    }

    @Test
    void tlbiByIpaDropsEveryPageCachedFromACoveringBlock() {
        Tlb tlb = new Tlb(64, 4);
        for (long ipa = 0x20_0000L; ipa < 0x20_8000L; ipa += 0x1000) {
            tlb.fill(7, true, ipa, data(0x8040_0000L + (ipa & 0x1F_FFFFL), 2), tlb.epoch());
        }
        tlb.fill(7, true, 0x40_0000L, data(0x9000_0000L, 3), tlb.epoch());
        assertEquals(8, tlb.invalidateIpa(7, true, 0x3F_F000L), "any IPA inside the 2 MiB block");
        assertEquals(0, tlb.lookup(7, true, 0x20_3000L));
        assertNotEquals(0, tlb.lookup(7, true, 0x40_0000L));
    }

    @Test
    void aWalkOverlappingAnInvalidationLeavesNothingBehind() {
        Tlb tlb = new Tlb(16, 2);
        long epoch = tlb.epoch();
        tlb.invalidateAll();
        tlb.fill(1, true, 0x1000, data(0x8000_0000L, 3), epoch);
        assertEquals(0, tlb.lookup(1, true, 0x1000));
    }

    /**
     * Random remaps of pages and blocks, each followed by the TLBI that covers it (by IPA anywhere in the
     * old leaf, by VMID, or all), interleaved with translations: a TLB hit must always equal the current
     * mapping.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void neverReturnsAStaleTranslation(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tlb tlb = new Tlb(8, 2);
        // Model: per (vmid, 2 MiB region) either a block or 512 pages.
        Map<Long, long[]> model = new HashMap<>();
        for (int step = 0; step < 4000; step++) {
            int vmid = rnd.nextInt(3);
            long region = rnd.nextInt(4);
            long key = vmid * 16L + region;
            long[] m = model.computeIfAbsent(key, k -> fresh(rnd));
            long ipa = (region << 21) | ((long) rnd.nextInt(512) << 12);
            int op = rnd.nextInt(10);
            if (op < 7) {
                long expected = translate(m, ipa);
                long hit = tlb.lookup(vmid, true, ipa);
                if (hit != 0) {
                    assertEquals(expected, hit & ~Tlb.DATA_PRESENT, "seed " + seed + " step " + step + " stale hit at " + Long.toHexString(ipa));
                } else {
                    tlb.fill(vmid, true, ipa, expected, tlb.epoch());
                }
            } else if (op < 9) {
                boolean wasBlock = m[0] != 0;
                long[] replacement = fresh(rnd);
                if (wasBlock || replacement[0] != 0) {
                    model.put(key, replacement);
                    tlb.invalidateIpa(vmid, true, wasBlock ? (region << 21) | ((long) rnd.nextInt(512) << 12) : ipa);
                    if (!wasBlock) {
                        // pages became a block: every old page needs its own TLBI, or one by VMID
                        tlb.invalidateVmid(vmid, true);
                    }
                } else {
                    m[1 + (int) ((ipa >>> 12) & 0x1FF)] = 0x8000_0000L + ((long) rnd.nextInt(1 << 16) << 12);
                    tlb.invalidateIpa(vmid, true, ipa);
                }
            } else {
                model.put(key, fresh(rnd));
                if (rnd.nextBoolean()) {
                    tlb.invalidateVmid(vmid, true);
                } else {
                    tlb.invalidateAll();
                }
            }
        }
    }

    /** m[0] = block PA (0 if pages), m[1..512] = page PAs. */
    private static long[] fresh(SplittableRandom rnd) {
        long[] m = new long[513];
        if (rnd.nextBoolean()) {
            m[0] = 0x8000_0000L + ((long) rnd.nextInt(1024) << 21);
        } else {
            for (int i = 1; i <= 512; i++) {
                m[i] = 0x8000_0000L + ((long) rnd.nextInt(1 << 16) << 12);
            }
        }
        return m;
    }

    private static long translate(long[] m, long ipa) {
        if (m[0] != 0) {
            return data(m[0] | (ipa & 0x1F_F000L), 2);
        }
        return data(m[1 + (int) ((ipa >>> 12) & 0x1FF)], 3);
    }
}
