package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: the indexed lookups of {@link SharedGranuleTable} and {@link SgtIndex}, and group discovery
 * built on them, answer exactly as a scan of the tuples in recording order does, through any sequence of
 * appends, removals and lookups, and on decoded blobs that repeat an (RD, IPA) key. The reference is the
 * scan written out below. Values come from small pools (so PAs, realms and keys repeat and hash slots
 * collide) or are random 64-bit words.
 */
class SgtIndexPropertyTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    /** The straightforward table: a list scanned for every question. */
    private static final class Reference {
        final List<SgtEntry> entries = new ArrayList<>();
        int dirtyFrom;

        Optional<Long> paFor(long rd, long gpa) {
            for (SgtEntry e : entries) {
                if (e.rd() == rd && e.gpa() == gpa) {
                    return Optional.of(e.pa());
                }
            }
            return Optional.empty();
        }

        int sharers(long pa) {
            return (int) entries.stream().filter(e -> e.pa() == pa).count();
        }

        List<SgtEntry> entriesOf(long rd) {
            return entries.stream().filter(e -> e.rd() == rd).toList();
        }

        boolean add(SgtEntry e, int capacity) {
            if (entries.size() >= Math.min(capacity, SharedGranuleTable.MAX_ENTRIES)
                    || paFor(e.rd(), e.gpa()).isPresent()) {
                return false;
            }
            dirtyFrom = Math.min(dirtyFrom, entries.size());
            entries.add(e);
            return true;
        }

        Optional<SgtEntry> remove(long rd, long gpa) {
            for (int i = 0; i < entries.size(); i++) {
                SgtEntry e = entries.get(i);
                if (e.rd() == rd && e.gpa() == gpa) {
                    entries.remove(i);
                    dirtyFrom = Math.min(dirtyFrom, i);
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        List<SgtEntry> removeRealm(long rd) {
            List<SgtEntry> gone = entriesOf(rd);
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).rd() == rd) {
                    dirtyFrom = Math.min(dirtyFrom, i);
                    break;
                }
            }
            entries.removeIf(e -> e.rd() == rd);
            return gone;
        }

        /** The published BFS, scanning the whole table for every new page. */
        Optional<List<Long>> discover(long callerRd, int max) {
            Set<Long> members = new LinkedHashSet<>();
            Set<Long> pages = new LinkedHashSet<>();
            Deque<Long> queue = new ArrayDeque<>();
            members.add(callerRd);
            queue.add(callerRd);
            while (!queue.isEmpty()) {
                long rd = queue.poll();
                for (SgtEntry own : entriesOf(rd)) {
                    if (!pages.add(own.pa())) {
                        continue;
                    }
                    for (SgtEntry e : entries) {
                        if (e.pa() == own.pa() && members.add(e.rd())) {
                            if (members.size() > max) {
                                return Optional.empty();
                            }
                            queue.add(e.rd());
                        }
                    }
                }
            }
            return Optional.of(new ArrayList<>(members));
        }
    }

    /** Where a test draws its values from: a small pool of page-aligned values, or any 64-bit word. */
    private record Pools(long[] pas, long[] gpas, long[] rds, boolean wide) {
        static Pools draw(SplittableRandom rnd) {
            boolean wide = rnd.nextInt(5) == 0;
            return new Pools(pool(rnd, 1 + rnd.nextInt(40), 0x9000_0000L), pool(rnd, 1 + rnd.nextInt(40),
                    0x180_0000_0000L), pool(rnd, 1 + rnd.nextInt(6), 0x8000_0000L), wide);
        }

        private static long[] pool(SplittableRandom rnd, int n, long base) {
            long[] p = new long[n];
            for (int i = 0; i < n; i++) {
                p[i] = rnd.nextInt(8) == 0 ? rnd.nextLong() : base + rnd.nextInt(64) * 4096L;
            }
            return p;
        }

        long pa(SplittableRandom rnd) {
            return wide ? rnd.nextLong() : pas[rnd.nextInt(pas.length)];
        }

        long gpa(SplittableRandom rnd) {
            return wide ? rnd.nextLong() : gpas[rnd.nextInt(gpas.length)];
        }

        long rd(SplittableRandom rnd) {
            return rds[rnd.nextInt(rds.length)];
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutationsAndLookupsMatchAScan(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Pools pools = Pools.draw(rnd);
        SharedGranuleTable t = new SharedGranuleTable();
        Reference ref = new Reference();
        int capacity = rnd.nextInt(4) == 0 ? rnd.nextInt(50) : SharedGranuleTable.MAX_ENTRIES;
        String at = "seed " + seed;
        for (int step = 0; step < 600; step++) {
            String where = at + ", step " + step;
            long rd = pools.rd(rnd);
            switch (rnd.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    SgtEntry e = new SgtEntry(pools.pa(rnd), pools.gpa(rnd), rd);
                    assertEquals(ref.add(e, capacity), t.add(e, capacity), where + ": add " + e);
                }
                case 4 -> {
                    long gpa = !ref.entries.isEmpty() && rnd.nextBoolean()
                            ? ref.entries.get(rnd.nextInt(ref.entries.size())).gpa() : pools.gpa(rnd);
                    assertEquals(ref.remove(rd, gpa), t.remove(rd, gpa), where + ": remove");
                }
                case 5 -> {
                    if (rnd.nextInt(8) == 0) {
                        assertEquals(ref.removeRealm(rd), t.removeRealm(rd), where + ": removeRealm");
                    }
                }
                case 6 -> {
                    long pa = pools.pa(rnd);
                    assertEquals(ref.sharers(pa) > 0, t.isShared(pa), where + ": isShared");
                }
                case 7 -> {
                    long pa = pools.pa(rnd);
                    assertEquals(ref.sharers(pa), t.sharers(pa), where + ": sharers");
                    SgtEntry probe = new SgtEntry(pa, pools.gpa(rnd), rd);
                    assertEquals(ref.entries.contains(probe), t.contains(probe), where + ": contains " + probe);
                }
                case 8 -> assertEquals(ref.entriesOf(rd), t.entriesOf(rd), where + ": entriesOf");
                default -> {
                    long gpa = pools.gpa(rnd);
                    assertEquals(ref.paFor(rd, gpa), t.paFor(rd, gpa), where + ": paFor");
                }
            }
            assertEquals(ref.entries, t.entries(), where + ": tuples");
            assertEquals(Math.min(ref.dirtyFrom, ref.entries.size()), t.firstChanged(), where + ": firstChanged");
            if (rnd.nextInt(4) == 0) {
                ref.dirtyFrom = ref.entries.size();
                t.markPersisted();
            }
            if (rnd.nextInt(50) == 0) {
                checkIndex(t, ref, pools, rnd, where);
            }
        }
        checkIndex(t, ref, pools, rnd, at + ", end");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decodedBlobsWithRepeatedKeysMatchAScan(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Pools pools = Pools.draw(rnd);
        int n = rnd.nextBoolean() ? rnd.nextInt(40) : 300 + rnd.nextInt(300);
        ByteBuffer blob = ByteBuffer.allocate(SharedGranuleTable.blobSize(n)).order(ByteOrder.LITTLE_ENDIAN);
        blob.putInt(SharedGranuleTable.MAGIC).putInt(SharedGranuleTable.VERSION).putInt(n).putInt(0);
        Reference ref = new Reference();
        for (int i = 0; i < n; i++) {
            SgtEntry e = new SgtEntry(pools.pa(rnd), pools.gpa(rnd), pools.rd(rnd));
            blob.putLong(e.pa()).putLong(e.gpa()).putLong(e.rd());
            ref.entries.add(e);
        }
        SharedGranuleTable t = SharedGranuleTable.decode(blob.array()).orElseThrow();
        String at = "seed " + seed;
        assertEquals(ref.entries, t.entries(), at);
        checkIndex(t, ref, pools, rnd, at);
        // Removing the first of a repeated key exposes the next one.
        for (int k = 0; k < 20 && !ref.entries.isEmpty(); k++) {
            SgtEntry e = ref.entries.get(rnd.nextInt(ref.entries.size()));
            assertEquals(ref.remove(e.rd(), e.gpa()), t.remove(e.rd(), e.gpa()), at + ", removal " + k);
            assertEquals(ref.paFor(e.rd(), e.gpa()), t.paFor(e.rd(), e.gpa()), at + ", removal " + k);
        }
        checkIndex(t, ref, pools, rnd, at + ", after removals");
    }

    /** Every lookup, chain and group numbering of the index, and group discovery, against the scan. */
    private static void checkIndex(SharedGranuleTable t, Reference ref, Pools pools, SplittableRandom rnd,
                                   String where) {
        SgtIndex ix = t.index();
        List<SgtEntry> es = ref.entries;
        assertEquals(es.size(), ix.size(), where + ": size");
        List<Long> pas = new ArrayList<>(new LinkedHashSet<>(es.stream().map(SgtEntry::pa).toList()));
        List<Long> rds = new ArrayList<>(new LinkedHashSet<>(es.stream().map(SgtEntry::rd).toList()));
        assertEquals(pas.size(), ix.paGroups(), where + ": PA groups");
        assertEquals(rds.size(), ix.rdGroups(), where + ": RD groups");
        for (int i = 0; i < es.size(); i++) {
            SgtEntry e = es.get(i);
            int first = -1;
            for (int j = 0; j < es.size() && first < 0; j++) {
                if (es.get(j).rd() == e.rd() && es.get(j).gpa() == e.gpa()) {
                    first = j;
                }
            }
            assertEquals(first, ix.indexOf(e.rd(), e.gpa()), where + ": indexOf " + e);
            assertEquals(pas.indexOf(e.pa()), ix.paGroupAt(i), where + ": PA group of " + i);
            assertEquals(rds.indexOf(e.rd()), ix.rdGroupAt(i), where + ": RD group of " + i);
        }
        for (int g = 0; g < pas.size(); g++) {
            long pa = pas.get(g);
            assertEquals(g, ix.paGroupOf(pa), where + ": paGroupOf");
            List<SgtEntry> chain = new ArrayList<>();
            for (int i = ix.firstWithPa(g); i != SgtIndex.NONE; i = ix.nextWithSamePa(i)) {
                chain.add(t.entryAt(i));
            }
            assertEquals(es.stream().filter(e -> e.pa() == pa).toList(), chain, where + ": PA chain " + g);
            assertEquals(chain.size(), ix.sharersOf(g), where + ": sharers of group " + g);
        }
        for (int g = 0; g < rds.size(); g++) {
            long rd = rds.get(g);
            assertEquals(g, ix.rdGroupOf(rd), where + ": rdGroupOf");
            List<SgtEntry> chain = new ArrayList<>();
            for (int i = ix.firstOfRealm(g); i != SgtIndex.NONE; i = ix.nextOfSameRealm(i)) {
                chain.add(t.entryAt(i));
            }
            assertEquals(ref.entriesOf(rd), chain, where + ": RD chain " + g);
            assertEquals(chain.size(), ix.countOfRealm(g), where + ": count of realm " + g);
        }
        for (int k = 0; k < 20; k++) {
            long pa = pools.pa(rnd);
            long rd = pools.rd(rnd);
            long gpa = pools.gpa(rnd);
            assertEquals(pas.indexOf(pa), ix.paGroupOf(pa), where + ": paGroupOf a drawn PA");
            assertEquals(rds.indexOf(rd), ix.rdGroupOf(rd), where + ": rdGroupOf a drawn RD");
            assertEquals(ref.paFor(rd, gpa), t.paFor(rd, gpa), where + ": paFor a drawn key");
            int max = 1 + rnd.nextInt(8);
            assertEquals(ref.discover(rd, max), GroupDiscovery.discover(t, rd, max), where + ": group of " + rd);
        }
    }
}
