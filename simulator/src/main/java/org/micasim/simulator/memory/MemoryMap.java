package org.micasim.simulator.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The platform's physical address layout: the PA size and the regions that are backed by memory. Every
 * other PA below 2^paBits is not memory (an access is an external abort).
 */
public final class MemoryMap {
    /** NS DRAM of the default platform: 0x8000_0000..0xFFFF_FFFF, every granule delegable. */
    public static final MemoryRegion DEFAULT_NS_DRAM =
            new MemoryRegion("ns-dram", 0x8000_0000L, 0x8000_0000L, Pas.NON_SECURE, true);
    /** Root-PAS SRAM that holds the GPT (outside DRAM so that all of DRAM stays delegable). */
    public static final MemoryRegion DEFAULT_ROOT_SRAM =
            new MemoryRegion("root-gpt", 0x0600_0000L, 0x0010_0000L, Pas.ROOT, false);

    private final int paBits;
    private final MemoryRegion[] regions;

    public MemoryMap(int paBits, List<MemoryRegion> regions) {
        if (paBits < 32 || paBits > 48) {
            throw new IllegalArgumentException("PA size must be 32..48 bits, got " + paBits);
        }
        List<MemoryRegion> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingLong(MemoryRegion::base));
        for (int i = 0; i < sorted.size(); i++) {
            MemoryRegion r = sorted.get(i);
            if (Long.compareUnsigned(r.end(), 1L << paBits) > 0) {
                throw new IllegalArgumentException("memory region " + r.name() + " ends above the " + paBits + "-bit PA space");
            }
            if (i > 0 && sorted.get(i - 1).end() > r.base()) {
                throw new IllegalArgumentException("memory regions " + sorted.get(i - 1).name() + " and " + r.name() + " overlap");
            }
        }
        this.paBits = paBits;
        this.regions = sorted.toArray(new MemoryRegion[0]);
    }

    /** The default platform of docs/platform.md: 40-bit PA, NS DRAM 2 GiB at 2 GiB, 1 MiB Root SRAM for the GPT. */
    public static MemoryMap defaultPlatform() {
        return new MemoryMap(40, List.of(DEFAULT_ROOT_SRAM, DEFAULT_NS_DRAM));
    }

    public int paBits() {
        return paBits;
    }

    /** Regions in ascending PA order. */
    public List<MemoryRegion> regions() {
        return List.of(regions);
    }

    /** The region holding {@code pa}, or null if the PA is not memory. */
    public MemoryRegion regionOf(long pa) {
        for (MemoryRegion r : regions) {
            if (r.contains(pa)) {
                return r;
            }
        }
        return null;
    }

    /** Whether {@code pa} is backed by memory. */
    public boolean isMemory(long pa) {
        return regionOf(pa) != null;
    }

    /** The region that holds the GPT: the first Root region. */
    public MemoryRegion gptRegion() {
        for (MemoryRegion r : regions) {
            if (r.initialPas() == Pas.ROOT) {
                return r;
            }
        }
        throw new IllegalStateException("the memory map has no Root-PAS region to hold the GPT");
    }
}
