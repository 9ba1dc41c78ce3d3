package org.micasim.simulator.memory;

/**
 * One range of the platform memory map that is backed by memory.
 *
 * @param name      a human name ("ns-dram", "root-gpt")
 * @param base      first PA, 4 KiB aligned
 * @param size      bytes, a multiple of 4 KiB
 * @param initialPas the physical address space the boot GPT gives every granule of the region
 * @param delegable whether the region is set up so that its granules can change PAS (a GPT L0 table entry)
 */
public record MemoryRegion(String name, long base, long size, Pas initialPas, boolean delegable) {
    public MemoryRegion {
        if ((base & 0xFFF) != 0 || size <= 0 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException(String.format(
                    "memory region %s: base 0x%x and size 0x%x must be non-zero multiples of 4 KiB", name, base, size));
        }
    }

    /** One past the last PA. */
    public long end() {
        return base + size;
    }

    /** Whether {@code pa} lies in this region. */
    public boolean contains(long pa) {
        return Long.compareUnsigned(pa - base, size) < 0;
    }
}
