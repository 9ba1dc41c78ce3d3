package org.micasim.simulator.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.LongPredicate;

/**
 * Sparse physical memory backed by 4 KiB pages, allocated on first write; untouched memory reads as zero.
 * This class only stores bytes: it knows nothing of PAS or protection, which the granule protection check
 * applies before an access gets here. Addresses must be memory according to the {@link MemoryMap}.
 *
 * <p>Layout: a two-level radix over the page frame number (14 low bits in the leaf directory), so a lookup
 * is two array loads and never allocates.
 */
public final class PhysicalMemory {
    /** Granule size used for backing and for the GPC. */
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;
    private static final int LEAF_BITS = 14;
    private static final int LEAF_MASK = (1 << LEAF_BITS) - 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryMap map;
    private final byte[][][] directory;
    private final Object allocationLock = new Object();

    public PhysicalMemory(MemoryMap map) {
        this.map = map;
        int pfnBits = map.paBits() - PAGE_SHIFT;
        this.directory = new byte[1 << Math.max(0, pfnBits - LEAF_BITS)][][];
    }

    public MemoryMap map() {
        return map;
    }

    /** The backing page of {@code pa}, or null if it was never written. */
    public byte[] pageOrNull(long pa) {
        long pfn = pa >>> PAGE_SHIFT;
        byte[][] leaf = directory[(int) (pfn >>> LEAF_BITS)];
        return leaf == null ? null : leaf[(int) pfn & LEAF_MASK];
    }

    /** The backing page of {@code pa}, allocating it (zeroed) on first use. */
    public byte[] page(long pa) {
        byte[] p = pageOrNull(pa);
        return p != null ? p : allocate(pa);
    }

    private byte[] allocate(long pa) {
        synchronized (allocationLock) {
            long pfn = pa >>> PAGE_SHIFT;
            int hi = (int) (pfn >>> LEAF_BITS);
            byte[][] leaf = directory[hi];
            if (leaf == null) {
                leaf = new byte[1 << LEAF_BITS][];
                directory[hi] = leaf;
            }
            byte[] p = leaf[(int) pfn & LEAF_MASK];
            if (p == null) {
                p = new byte[PAGE_SIZE];
                leaf[(int) pfn & LEAF_MASK] = p;
            }
            return p;
        }
    }

    /** Little-endian 8-byte load; the access may be unaligned and cross a page. */
    public long read64(long pa) {
        int off = (int) pa & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 8) {
            byte[] p = pageOrNull(pa);
            return p == null ? 0 : (long) LONGS.get(p, off);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (read8(pa + i) & 0xFF);
        }
        return v;
    }

    /** Little-endian 8-byte store; the access may be unaligned and cross a page. */
    public void write64(long pa, long value) {
        int off = (int) pa & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 8) {
            LONGS.set(page(pa), off, value);
            return;
        }
        for (int i = 0; i < 8; i++) {
            write8(pa + i, (byte) (value >>> (8 * i)));
        }
    }

    /**
     * Tests the little-endian 64-bit words at {@code pa}, {@code pa + 8}, ... ({@code pa} 8-byte aligned;
     * the words may run across pages) in order until {@code stop} accepts one; returns its index, or
     * {@code count} if none is accepted.
     */
    public int scan64(long pa, int count, LongPredicate stop) {
        if ((pa & 7) != 0) {
            throw new IllegalArgumentException(String.format("scan64 needs an 8-byte aligned PA, got 0x%x", pa));
        }
        int i = 0;
        while (i < count) {
            byte[] p = pageOrNull(pa);
            int off = (int) pa & (PAGE_SIZE - 1);
            int inPage = Math.min(count - i, (PAGE_SIZE - off) >>> 3);
            for (int k = 0; k < inPage; k++, i++) {
                long word = p == null ? 0 : (long) LONGS.get(p, off + 8 * k);
                if (stop.test(word)) {
                    return i;
                }
            }
            pa += 8L * inPage;
        }
        return count;
    }

    /**
     * Stores {@code value} little-endian into the {@code count} 64-bit words at {@code pa}, {@code pa + 8},
     * ... ({@code pa} 8-byte aligned; the words may run across pages): the same as that many
     * {@link #write64} calls.
     */
    public void fill64(long pa, int count, long value) {
        if ((pa & 7) != 0) {
            throw new IllegalArgumentException(String.format("fill64 needs an 8-byte aligned PA, got 0x%x", pa));
        }
        int i = 0;
        while (i < count) {
            byte[] p = page(pa);
            int off = (int) pa & (PAGE_SIZE - 1);
            int inPage = Math.min(count - i, (PAGE_SIZE - off) >>> 3);
            for (int k = 0; k < inPage; k++) {
                LONGS.set(p, off + 8 * k, value);
            }
            i += inPage;
            pa += 8L * inPage;
        }
    }

    public byte read8(long pa) {
        byte[] p = pageOrNull(pa);
        return p == null ? 0 : p[(int) pa & (PAGE_SIZE - 1)];
    }

    public void write8(long pa, byte value) {
        page(pa)[(int) pa & (PAGE_SIZE - 1)] = value;
    }

    /** Copies {@code len} bytes from memory at {@code pa} into {@code dst}. */
    public void read(long pa, byte[] dst, int offset, int len) {
        while (len > 0) {
            int off = (int) pa & (PAGE_SIZE - 1);
            int n = Math.min(len, PAGE_SIZE - off);
            byte[] p = pageOrNull(pa);
            if (p == null) {
                java.util.Arrays.fill(dst, offset, offset + n, (byte) 0);
            } else {
                System.arraycopy(p, off, dst, offset, n);
            }
            pa += n;
            offset += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes from {@code src} into memory at {@code pa}. */
    public void write(long pa, byte[] src, int offset, int len) {
        while (len > 0) {
            int off = (int) pa & (PAGE_SIZE - 1);
            int n = Math.min(len, PAGE_SIZE - off);
            System.arraycopy(src, offset, page(pa), off, n);
            pa += n;
            offset += n;
            len -= n;
        }
    }

    /** Zeroes the 4 KiB granule containing {@code pa} (an untouched page stays unallocated). */
    public void zeroGranule(long pa) {
        byte[] p = pageOrNull(pa);
        if (p != null) {
            java.util.Arrays.fill(p, (byte) 0);
        }
    }
}
