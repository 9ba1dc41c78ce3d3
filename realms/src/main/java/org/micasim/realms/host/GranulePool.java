package org.micasim.realms.host;

import java.util.ArrayDeque;

/**
 * The host's allocator of 4 KiB Non-secure granules inside a PA range it owns (as a KVM host allocates
 * pages before delegating them). Freed granules are reused, lowest first.
 */
public final class GranulePool {
    private final long base;
    private final long limit;
    private long next;
    private final ArrayDeque<Long> free = new ArrayDeque<>();

    /** A pool over [base, base + size), both granule aligned. */
    public GranulePool(long base, long size) {
        if ((base & 0xFFF) != 0 || (size & 0xFFF) != 0 || size <= 0) {
            throw new IllegalArgumentException(String.format("pool must be granule aligned: 0x%x+0x%x", base, size));
        }
        this.base = base;
        this.limit = base + size;
        this.next = base;
    }

    /** One granule. */
    public long allocate() {
        Long f = free.pollFirst();
        if (f != null) {
            return f;
        }
        return allocateContiguous(1);
    }

    /** {@code n} contiguous granules aligned to {@code n} granules (concatenated root RTTs). */
    public long allocateContiguous(int n) {
        long align = n * 0x1000L;
        long start = (next + align - 1) / align * align;
        if (start + align > limit) {
            throw new HostRmiException(String.format("host granule pool 0x%x..0x%x exhausted", base, limit));
        }
        for (long a = next; a < start; a += 0x1000) {
            free.addLast(a);
        }
        next = start + align;
        return start;
    }

    /** Returns a granule to the pool. */
    public void release(long pa) {
        free.addFirst(pa);
    }
}
