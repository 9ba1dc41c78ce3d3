package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupDiscoveryTest {
    private static SharedGranuleTable table(long[]... entries) {
        SharedGranuleTable t = new SharedGranuleTable();
        for (long[] e : entries) {
            t.add(new SgtEntry(e[0], e[1], e[2]), SharedGranuleTable.MAX_ENTRIES);
        }
        return t;
    }

    @Test
    void findsTheTransitiveGroupInBreadthFirstOrder() {
        // rg(1) -P1- rf(2) -P2- ri(3); eve(4) shares nothing; 5 shares P2 later in the table.
        SharedGranuleTable t = table(new long[] {0x100, 0xA, 1}, new long[] {0x100, 0xA, 2},
                new long[] {0x200, 0xB, 2}, new long[] {0x200, 0xA, 3}, new long[] {0x300, 0xA, 4},
                new long[] {0x200, 0xC, 5});
        assertEquals(Optional.of(List.of(1L, 2L, 3L, 5L)), GroupDiscovery.discover(t, 1, 8));
        assertEquals(Optional.of(List.of(3L, 2L, 5L, 1L)), GroupDiscovery.discover(t, 3, 8));
        assertEquals(Optional.of(List.of(4L)), GroupDiscovery.discover(t, 4, 8));
        assertEquals(Optional.of(List.of(9L)), GroupDiscovery.discover(t, 9, 8), "a realm sharing nothing");
    }

    @Test
    void aGroupLargerThanTheLimitIsRefusedNotTruncated() {
        SharedGranuleTable t = new SharedGranuleTable();
        for (long rd = 1; rd <= 9; rd++) {
            t.add(new SgtEntry(0x100, 0xA, rd), 100);
        }
        assertEquals(Optional.empty(), GroupDiscovery.discover(t, 1, 8));
        assertEquals(9, GroupDiscovery.discover(t, 1, 9).orElseThrow().size());
    }
}
