package org.micasim.rmm.mica;

import java.util.Arrays;
import java.util.List;

/**
 * Lookups over a Shared Granule Table's tuples, so that validation, activation and group discovery read
 * the table in linear time instead of scanning it once per page (docs/performance.md): by
 * {@code (RD, IPA)}, by PA and by RD. A tuple is named by its position in the table's recording order.
 * Distinct PAs (RDs) are numbered densely in order of first appearance ("groups"), and the tuples of one
 * group are chained in recording order, so walking a chain visits them in the order a scan of the table
 * would. Duplicated {@code (RD, IPA)} keys, which only a decoded blob can hold, resolve to the first.
 *
 * <p>The index reads the table's list and follows it through appends ({@link #appended}); a removal
 * moves positions, so the table drops its index and builds a new one when next asked. Open addressing
 * with linear probing over a mixed hash, at most half full: page-aligned values spread as well as any
 * (a host that chose PAs and IPAs to collide could slow lookups towards a scan, never change an answer).
 * Not thread-safe, like the table (the RMM lock guards both).
 */
final class SgtIndex {
    /** No position, no group. */
    static final int NONE = -1;
    private static final int MIN_CAPACITY = 16;

    private final List<SgtEntry> entries;
    private int size;

    private int[] paGroupAt;
    private int[] rdGroupAt;
    private int[] nextSamePa;
    private int[] nextSameRd;

    private int paGroups;
    private int[] firstOfPa;
    private int[] lastOfPa;
    private int[] countOfPa;
    private int rdGroups;
    private int[] firstOfRd;
    private int[] lastOfRd;
    private int[] countOfRd;

    /**
     * Hash slots holding position + 1 (0 is an empty slot) of the first tuple of each (RD, IPA), of each
     * PA group and of each RD group.
     */
    private int[] keySlots;
    private int[] paSlots;
    private int[] rdSlots;

    /** Indexes every tuple of {@code entries} (the table's own list, read as it grows). */
    SgtIndex(List<SgtEntry> entries) {
        this.entries = entries;
        int n = entries.size();
        int perEntry = Math.max(MIN_CAPACITY, n);
        paGroupAt = new int[perEntry];
        rdGroupAt = new int[perEntry];
        nextSamePa = new int[perEntry];
        nextSameRd = new int[perEntry];
        firstOfPa = new int[MIN_CAPACITY];
        lastOfPa = new int[MIN_CAPACITY];
        countOfPa = new int[MIN_CAPACITY];
        firstOfRd = new int[MIN_CAPACITY];
        lastOfRd = new int[MIN_CAPACITY];
        countOfRd = new int[MIN_CAPACITY];
        allocateSlots(slotsFor(n));
        for (int i = 0; i < n; i++) {
            appended();
        }
    }

    /** Takes in the tuple just appended to the list (at position {@link #size()} of the index). */
    void appended() {
        int i = size;
        if (i == paGroupAt.length) {
            paGroupAt = Arrays.copyOf(paGroupAt, 2 * i);
            rdGroupAt = Arrays.copyOf(rdGroupAt, 2 * i);
            nextSamePa = Arrays.copyOf(nextSamePa, 2 * i);
            nextSameRd = Arrays.copyOf(nextSameRd, 2 * i);
        }
        if (2 * (i + 1) > keySlots.length) {
            allocateSlots(slotsFor(i + 1));
            for (int k = 0; k < i; k++) {
                insertSlots(k, false);
            }
        }
        size = i + 1;
        insertSlots(i, true);
    }

    /** Number of tuples indexed. */
    int size() {
        return size;
    }

    /** Position of the first tuple for IPA {@code gpa} of realm {@code rd}, or {@link #NONE}. */
    int indexOf(long rd, long gpa) {
        int mask = keySlots.length - 1;
        for (int h = mix(rd, gpa) & mask; ; h = (h + 1) & mask) {
            int p = keySlots[h] - 1;
            if (p == NONE) {
                return NONE;
            }
            SgtEntry e = entries.get(p);
            if (e.rd() == rd && e.gpa() == gpa) {
                return p;
            }
        }
    }

    /** The PA group of {@code pa}, or {@link #NONE} if no tuple names it. */
    int paGroupOf(long pa) {
        int mask = paSlots.length - 1;
        for (int h = mix(pa, 0) & mask; ; h = (h + 1) & mask) {
            int p = paSlots[h] - 1;
            if (p == NONE) {
                return NONE;
            }
            if (entries.get(p).pa() == pa) {
                return paGroupAt[p];
            }
        }
    }

    /** The RD group of {@code rd}, or {@link #NONE} if no tuple names it. */
    int rdGroupOf(long rd) {
        int mask = rdSlots.length - 1;
        for (int h = mix(rd, 1) & mask; ; h = (h + 1) & mask) {
            int p = rdSlots[h] - 1;
            if (p == NONE) {
                return NONE;
            }
            if (entries.get(p).rd() == rd) {
                return rdGroupAt[p];
            }
        }
    }

    /** Number of distinct PAs. */
    int paGroups() {
        return paGroups;
    }

    /** Number of distinct RDs. */
    int rdGroups() {
        return rdGroups;
    }

    /** The PA group of the tuple at {@code position}. */
    int paGroupAt(int position) {
        return paGroupAt[position];
    }

    /** The RD group of the tuple at {@code position}. */
    int rdGroupAt(int position) {
        return rdGroupAt[position];
    }

    /** Position of the first tuple of PA group {@code group}. */
    int firstWithPa(int group) {
        return firstOfPa[group];
    }

    /** Position of the next tuple with the PA of the one at {@code position}, or {@link #NONE}. */
    int nextWithSamePa(int position) {
        return nextSamePa[position];
    }

    /** Number of tuples in PA group {@code group}. */
    int sharersOf(int group) {
        return countOfPa[group];
    }

    /** Position of the first tuple of RD group {@code group}. */
    int firstOfRealm(int group) {
        return firstOfRd[group];
    }

    /** Position of the next tuple of the realm of the one at {@code position}, or {@link #NONE}. */
    int nextOfSameRealm(int position) {
        return nextSameRd[position];
    }

    /** Number of tuples in RD group {@code group}. */
    int countOfRealm(int group) {
        return countOfRd[group];
    }

    /**
     * Puts position {@code i} in the slots where it is the first of its key, PA or RD; with {@code link}
     * (a new tuple, not a rehash) also appends it to its PA and RD groups, opening them on first sight.
     */
    private void insertSlots(int i, boolean link) {
        SgtEntry e = entries.get(i);
        int mask = keySlots.length - 1;
        for (int h = mix(e.rd(), e.gpa()) & mask; ; h = (h + 1) & mask) {
            int p = keySlots[h] - 1;
            if (p == NONE) {
                keySlots[h] = i + 1;
                break;
            }
            SgtEntry o = entries.get(p);
            if (o.rd() == e.rd() && o.gpa() == e.gpa()) {
                break; // the first tuple of a duplicated key keeps it
            }
        }
        for (int h = mix(e.pa(), 0) & mask; ; h = (h + 1) & mask) {
            int p = paSlots[h] - 1;
            if (p == NONE) {
                paSlots[h] = i + 1;
                if (link) {
                    int g = paGroups++;
                    if (g == firstOfPa.length) {
                        firstOfPa = Arrays.copyOf(firstOfPa, 2 * g);
                        lastOfPa = Arrays.copyOf(lastOfPa, 2 * g);
                        countOfPa = Arrays.copyOf(countOfPa, 2 * g);
                    }
                    paGroupAt[i] = g;
                    firstOfPa[g] = i;
                    lastOfPa[g] = i;
                    countOfPa[g] = 1;
                    nextSamePa[i] = NONE;
                }
                break;
            }
            if (entries.get(p).pa() == e.pa()) {
                if (link) {
                    int g = paGroupAt[p];
                    paGroupAt[i] = g;
                    nextSamePa[lastOfPa[g]] = i;
                    lastOfPa[g] = i;
                    countOfPa[g]++;
                    nextSamePa[i] = NONE;
                }
                break;
            }
        }
        for (int h = mix(e.rd(), 1) & mask; ; h = (h + 1) & mask) {
            int p = rdSlots[h] - 1;
            if (p == NONE) {
                rdSlots[h] = i + 1;
                if (link) {
                    int g = rdGroups++;
                    if (g == firstOfRd.length) {
                        firstOfRd = Arrays.copyOf(firstOfRd, 2 * g);
                        lastOfRd = Arrays.copyOf(lastOfRd, 2 * g);
                        countOfRd = Arrays.copyOf(countOfRd, 2 * g);
                    }
                    rdGroupAt[i] = g;
                    firstOfRd[g] = i;
                    lastOfRd[g] = i;
                    countOfRd[g] = 1;
                    nextSameRd[i] = NONE;
                }
                break;
            }
            if (entries.get(p).rd() == e.rd()) {
                if (link) {
                    int g = rdGroupAt[p];
                    rdGroupAt[i] = g;
                    nextSameRd[lastOfRd[g]] = i;
                    lastOfRd[g] = i;
                    countOfRd[g]++;
                    nextSameRd[i] = NONE;
                }
                break;
            }
        }
    }

    private void allocateSlots(int slots) {
        keySlots = new int[slots];
        paSlots = new int[slots];
        rdSlots = new int[slots];
    }

    /** A power of two at least twice {@code n}. */
    private static int slotsFor(int n) {
        int s = MIN_CAPACITY;
        while (s < 2 * n) {
            s <<= 1;
        }
        return s;
    }

    /** Mixes two words into a slot hash (the SplitMix64 finaliser over a multiply-add of both). */
    private static int mix(long a, long b) {
        long z = a * 0x9E37_79B9_7F4A_7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return (int) (z ^ (z >>> 31));
    }
}
