package org.micasim.simulator.gpt;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One PE's cached GPT information: the GPI of recently checked granules, direct-mapped by granule
 * number. Filled by that PE's checks; emptied by TLBI PAALL (this PE) and by the broadcast TLBI
 * PAALLOS / RPALOS / RPAOS that any PE's EL3 issues, which invalidate only the entries they cover.
 *
 * <p>Each entry is one long, {@code granule << 5 | level << 4 | gpi} with bit 63 marking it valid, so a lookup and a
 * remote invalidation never see a torn entry; the array gives the invalidating thread's writes
 * visibility to the owner.
 */
public final class GptCache {
    private static final long VALID = 1L << 63;
    private final AtomicLongArray entries;
    private final int mask;

    /** A cache of {@code size} entries (a power of two). */
    public GptCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("GPT cache size must be a power of two, got " + size);
        }
        this.entries = new AtomicLongArray(size);
        this.mask = size - 1;
    }

    /** The cached {@code level << 4 | gpi} of the granule holding {@code pa}, or -1. */
    public int lookup(long pa) {
        long granule = pa >>> 12;
        long e = entries.getPlain((int) granule & mask);
        if ((e & VALID) != 0 && ((e & ~VALID) >>> 5) == granule) {
            return (int) e & 0x1F;
        }
        return -1;
    }

    /** Records the GPI of the granule holding {@code pa}, found in a GPT descriptor at {@code level}. */
    public void fill(long pa, int gpi, int level) {
        long granule = pa >>> 12;
        entries.setRelease((int) granule & mask, VALID | (granule << 5) | ((long) level << 4) | gpi);
    }

    /** Drops every entry whose granule lies in [base, base + bytes); returns how many were dropped. */
    public int invalidateRange(long base, long bytes) {
        int dropped = 0;
        long first = base >>> 12;
        long count = bytes >>> 12;
        if (count <= entries.length()) {
            for (long g = first; g < first + count; g++) {
                int i = (int) g & mask;
                long e = entries.get(i);
                if ((e & VALID) != 0 && ((e & ~VALID) >>> 5) == g && entries.compareAndSet(i, e, 0)) {
                    dropped++;
                }
            }
            return dropped;
        }
        for (int i = 0; i < entries.length(); i++) {
            long e = entries.get(i);
            long g = (e & ~VALID) >>> 5;
            if ((e & VALID) != 0 && g - first >= 0 && g - first < count && entries.compareAndSet(i, e, 0)) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Drops every entry. */
    public void invalidateAll() {
        for (int i = 0; i < entries.length(); i++) {
            entries.set(i, 0);
        }
    }

    /** Valid entries as (granule PA, GPI) pairs, for inspection. */
    public long[][] snapshot() {
        return java.util.stream.IntStream.range(0, entries.length())
                .mapToLong(entries::get).filter(e -> (e & VALID) != 0)
                .mapToObj(e -> new long[] {((e & ~VALID) >>> 5) << 12, e & 0xF})
                .sorted(java.util.Comparator.comparingLong(a -> a[0]))
                .toArray(long[][]::new);
    }
}
