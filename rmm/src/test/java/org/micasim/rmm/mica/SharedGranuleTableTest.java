package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedGranuleTableTest {
    @Test
    void blobHasThePublishedLayout() {
        SharedGranuleTable t = new SharedGranuleTable();
        assertTrue(t.add(new SgtEntry(0x9000_0000L, 0x180_0000_0000L, 0x8000_0000L), 10));
        byte[] b = t.encode();
        assertEquals(16 + 24, b.length);
        assertArrayEquals(new byte[] {0x42, 0x54, 0x47, 0x53, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0},
                Arrays.copyOf(b, 16), "'SGTB', version 1, count 1, reserved");
        assertEquals(0x9000_0000L, LittleEndian.u64(b, 16));
        assertEquals(0x180_0000_0000L, LittleEndian.u64(b, 24));
        assertEquals(0x8000_0000L, LittleEndian.u64(b, 32));
    }

    @Test
    void capacityFollowsTheBackingGranulesUpTo4096() {
        assertEquals(170, SharedGranuleTable.capacityFor(4096));
        assertEquals(0, SharedGranuleTable.capacityFor(0));
        assertEquals(4096, SharedGranuleTable.capacityFor(32L * 4096));
        SharedGranuleTable t = new SharedGranuleTable();
        for (int i = 0; i < 170; i++) {
            assertTrue(t.add(new SgtEntry(i * 4096L, i * 4096L, 1), 170));
        }
        assertFalse(t.add(new SgtEntry(0xFFF000L, 0xFFF000L, 1), 170), "full");
        assertEquals(170, t.size());
    }

    @Test
    void aRealmIpaIsRecordedOnceAndRemovedWithItsRealm() {
        SharedGranuleTable t = new SharedGranuleTable();
        assertTrue(t.add(new SgtEntry(0x1000, 0x5000, 7), 100));
        assertFalse(t.add(new SgtEntry(0x2000, 0x5000, 7), 100));
        assertTrue(t.add(new SgtEntry(0x1000, 0x6000, 8), 100));
        assertEquals(2, t.sharers(0x1000));
        assertEquals(Optional.of(0x1000L), t.paFor(7, 0x5000));
        assertEquals(List.of(new SgtEntry(0x1000, 0x5000, 7)), t.removeRealm(7));
        assertEquals(1, t.sharers(0x1000));
        assertEquals(Optional.of(new SgtEntry(0x1000, 0x6000, 8)), t.remove(8, 0x6000));
        assertFalse(t.isShared(0x1000));
    }

    @Test
    void tracksTheFirstEntryToRewrite() {
        SharedGranuleTable t = new SharedGranuleTable();
        for (int i = 0; i < 5; i++) {
            t.add(new SgtEntry(i, i, i % 2), 10);
        }
        assertEquals(0, t.firstChanged());
        t.markPersisted();
        assertEquals(5, t.firstChanged(), "nothing to rewrite");
        t.add(new SgtEntry(9, 9, 3), 10);
        assertEquals(5, t.firstChanged(), "an append rewrites only itself");
        t.markPersisted();
        t.remove(1, 3);
        assertEquals(3, t.firstChanged(), "entries after a removal move");
        t.markPersisted();
        t.removeRealm(0);
        assertEquals(0, t.firstChanged());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void encodeDecodeRoundTripsAndCorruptBlobsAreRefused(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SharedGranuleTable t = new SharedGranuleTable();
        int n = rnd.nextInt(300);
        for (int i = 0; i < n; i++) {
            t.add(new SgtEntry(rnd.nextLong(), rnd.nextLong(), rnd.nextLong()), SharedGranuleTable.MAX_ENTRIES);
        }
        byte[] blob = Arrays.copyOf(t.encode(), SharedGranuleTable.blobSize(n) + 4096);
        assertEquals(t.entries(), SharedGranuleTable.decode(blob).orElseThrow().entries(), "seed " + seed);
        byte[] badMagic = blob.clone();
        badMagic[0] ^= 1;
        assertEquals(Optional.empty(), SharedGranuleTable.decode(badMagic), "seed " + seed);
        byte[] badCount = blob.clone();
        LittleEndian.put32(badCount, 8, 4097);
        assertEquals(Optional.empty(), SharedGranuleTable.decode(badCount), "seed " + seed);
        assertEquals(Optional.empty(), SharedGranuleTable.decode(Arrays.copyOf(blob, 15)), "seed " + seed);
    }
}
