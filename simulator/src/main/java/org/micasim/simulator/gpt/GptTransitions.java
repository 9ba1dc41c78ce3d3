package org.micasim.simulator.gpt;

import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.MemoryRegion;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * EL3's GPT management, step by step as TF-A lib/gpt_rme does it: boot initialisation (level-0 tables,
 * level-1 tables with the largest contiguous descriptors that fit, enable), and the one-granule
 * transitions behind RMM_GTSI_DELEGATE / RMM_GTSI_UNDELEGATE with shattering and fusing of contiguous
 * descriptors, PoPA cache maintenance, barriers and range TLBIs. Every step is reported as an event.
 *
 * <p>Transitions are serialised by this object's lock (TF-A's global GPT spinlock), so several PEs may
 * call them concurrently.
 */
public final class GptTransitions {
    private static final long GRANULE = 4096;
    private static final long L1_ENTRY_SPAN = 16 * GRANULE;
    private static final int CACHE_LINES_PER_GRANULE = (int) (GRANULE / 64);

    private final PhysicalMemory memory;
    private final MemoryMap map;
    private final GranuleProtectionCheck gpc;
    private final GptInvalidation invalidation;
    private final int l0gptsz;
    private long l0Base;

    public GptTransitions(PhysicalMemory memory, GranuleProtectionCheck gpc, GptInvalidation invalidation, int l0gptsz) {
        this.memory = memory;
        this.map = memory.map();
        this.gpc = gpc;
        this.invalidation = invalidation;
        this.l0gptsz = l0gptsz;
    }

    /**
     * TF-A boot: gpt_init_l0_tables (every entry a block of GPI ANY), gpt_init_pas_l1_tables (each memory
     * region as granules of its initial PAS, using 512 MiB / 32 MiB / 2 MiB contiguous descriptors where
     * aligned; non-delegable regions that fill whole level-0 regions as level-0 blocks), clean to PoC,
     * TLBI PAALLOS, then gpt_enable. The tables live at the start of the memory map's Root region.
     */
    public synchronized void initialise(EventSink sink) {
        int t = map.paBits();
        int pps = Gpccr.ppsFor(t);
        if (pps < 0) {
            throw new IllegalStateException("no GPCCR_EL3.PPS encoding for a " + t + "-bit PA space");
        }
        int s = 30 + l0gptsz;
        long l0Entries = s >= t ? 1 : 1L << (t - s);
        long l1Bytes = (1L << (s - 16)) * 8;
        MemoryRegion root = map.gptRegion();
        l0Base = root.base();
        long next = align(l0Base + Math.max(l0Entries * 8, GRANULE), l1Bytes);
        for (long i = 0; i < l0Entries; i++) {
            storeGpt(l0Base + i * 8, GptDescriptor.l0Block(Gpi.ANY), sink);
        }
        long l0Span = 1L << s;
        for (MemoryRegion r : map.regions()) {
            Gpi gpi = Gpi.of(r.initialPas());
            for (long region = r.base() & -l0Span; region < r.end(); region += l0Span) {
                long l0Pa = l0Base + (region >>> s) * 8;
                boolean whole = r.base() <= region && r.end() >= region + l0Span;
                if (whole && !r.delegable()) {
                    storeGpt(l0Pa, GptDescriptor.l0Block(gpi), sink);
                    continue;
                }
                long l0 = memory.read64(l0Pa);
                if ((l0 & 0xF) != GptDescriptor.L0_TYPE_TABLE) {
                    if (next + l1Bytes > root.end()) {
                        throw new IllegalStateException("the Root region " + root.name() + " is too small for the GPT level-1 tables");
                    }
                    for (long e = 0; e < l1Bytes; e += 8) {
                        storeGpt(next + e, GptDescriptor.l1Granules(Gpi.ANY), sink);
                    }
                    storeGpt(l0Pa, GptDescriptor.l0Table(next), sink);
                    next += l1Bytes;
                }
            }
            fillRegion(r.base(), r.end(), gpi, sink);
        }
        sink.event(EventKind.CACHE_MAINTENANCE, (next - l0Base) / 64);
        sink.event(EventKind.BARRIER, 1);
        invalidation.paallos();
        sink.event(EventKind.BARRIER, 2);
        GptRegisters regs = gpc.registers();
        regs.writeGptbr((l0Base >>> 12) & GptRegisters.GPTBR_BADDR_MASK);
        Gpccr cfg = new Gpccr(pps, Gpccr.WB_RA_WA, Gpccr.WB_RA_WA, Gpccr.SH_INNER, Gpccr.PGS_4K, false, l0gptsz);
        regs.writeGpccr(cfg.encode(), l0gptsz);
        sink.event(EventKind.BARRIER, 1);
        invalidation.paallos();
        sink.event(EventKind.BARRIER, 2);
        regs.writeGpccr(cfg.withGpc(true).encode(), l0gptsz);
        sink.event(EventKind.BARRIER, 1);
        invalidation.paallos();
        sink.event(EventKind.BARRIER, 2);
    }

    private void fillRegion(long base, long end, Gpi gpi, EventSink sink) {
        long pa = base;
        while (pa < end) {
            int contig = 0;
            for (int c = 3; c >= 1; c--) {
                long size = GptDescriptor.contigSize(c);
                if ((pa & (size - 1)) == 0 && pa + size <= end) {
                    contig = c;
                    break;
                }
            }
            if (contig > 0) {
                long size = GptDescriptor.contigSize(contig);
                writeL1Entries(pa, size, GptDescriptor.l1Contig(gpi, contig), sink);
                pa += size;
            } else {
                long entryPa = l1EntryPa(pa);
                storeGpt(entryPa, GptDescriptor.withGpi(memory.read64(entryPa), (int) (pa >>> 12) & 0xF, gpi), sink);
                pa += GRANULE;
            }
        }
    }

    /**
     * gpt_delegate_pas for one granule: moves {@code pa} from Non-secure to the caller's PAS
     * ({@code caller} must be Realm or Secure).
     */
    public synchronized GptTransitionResult delegate(long pa, Pas caller, EventSink sink) {
        GptTransitionResult bad = validate(pa, caller);
        if (bad != null) {
            return bad;
        }
        if (currentGpi(pa) != Gpi.NON_SECURE.value()) {
            return GptTransitionResult.DENIED;
        }
        gpc.beginUpdate();
        try {
            shatter(pa, sink);
            popa(sink);
            setGpi(pa, Gpi.of(caller), sink);
            sink.event(EventKind.BARRIER, 1);
            invalidation.rpalos(TlbiPaOperand.covering(pa, GRANULE).encode());
            sink.event(EventKind.BARRIER, 1);
            popa(sink);
            fuse(pa, Gpi.of(caller), sink);
        } finally {
            gpc.endUpdate();
        }
        return GptTransitionResult.OK;
    }

    /** gpt_undelegate_pas for one granule: moves {@code pa} from the caller's PAS back to Non-secure. */
    public synchronized GptTransitionResult undelegate(long pa, Pas caller, EventSink sink) {
        GptTransitionResult bad = validate(pa, caller);
        if (bad != null) {
            return bad;
        }
        if (currentGpi(pa) != Gpi.of(caller).value()) {
            return GptTransitionResult.DENIED;
        }
        gpc.beginUpdate();
        try {
            shatter(pa, sink);
            setGpi(pa, Gpi.NO_ACCESS, sink);
            sink.event(EventKind.BARRIER, 1);
            invalidation.rpalos(TlbiPaOperand.covering(pa, GRANULE).encode());
            sink.event(EventKind.BARRIER, 1);
            popa(sink);
            popa(sink);
            setGpi(pa, Gpi.NON_SECURE, sink);
            sink.event(EventKind.BARRIER, 1);
            invalidation.rpalos(TlbiPaOperand.covering(pa, GRANULE).encode());
            sink.event(EventKind.BARRIER, 1);
            fuse(pa, Gpi.NON_SECURE, sink);
        } finally {
            gpc.endUpdate();
        }
        return GptTransitionResult.OK;
    }

    /** TF-A's argument checks, in its order: alignment, range, caller, then a level-0 table mapping. */
    private GptTransitionResult validate(long pa, Pas caller) {
        Gpccr cfg = gpc.registers().config();
        if ((pa & (GRANULE - 1)) != 0 || !cfg.gpc()) {
            return GptTransitionResult.INVALID;
        }
        if (pa >>> cfg.protectedPaBits() != 0) {
            return GptTransitionResult.INVALID;
        }
        if (caller != Pas.REALM && caller != Pas.SECURE) {
            return GptTransitionResult.INVALID;
        }
        long l0 = memory.read64(l0EntryPa(pa));
        if ((l0 & 0xF) != GptDescriptor.L0_TYPE_TABLE) {
            return GptTransitionResult.INVALID;
        }
        return null;
    }

    /** The GPI the GPT gives the granule of {@code pa} (which must be mapped through a level-0 table). */
    private int currentGpi(long pa) {
        long l1 = memory.read64(l1EntryPa(pa));
        return GptDescriptor.isContig(l1) ? GptDescriptor.blockGpi(l1) : GptDescriptor.gpiAt(l1, (int) (pa >>> 12) & 0xF);
    }

    /** DC CIPAPA over one granule: one clean+invalidate per 64-byte line, to the Point of Physical Aliasing. */
    private void popa(EventSink sink) {
        sink.event(EventKind.CACHE_MAINTENANCE, CACHE_LINES_PER_GRANULE);
    }

    /** Breaks contiguous descriptors around {@code pa} down to a granules descriptor, one size at a time. */
    private void shatter(long pa, EventSink sink) {
        long entryPa = l1EntryPa(pa);
        long d = memory.read64(entryPa);
        while (GptDescriptor.isContig(d)) {
            int contig = GptDescriptor.contigField(d);
            long size = GptDescriptor.contigSize(contig);
            Gpi gpi = Gpi.fromValue(GptDescriptor.blockGpi(d));
            long smaller = contig > 1 ? GptDescriptor.l1Contig(gpi, contig - 1) : GptDescriptor.l1Granules(gpi);
            writeL1Entries(pa & -size, size, smaller, sink);
            sink.event(EventKind.BARRIER, 1);
            invalidation.rpalos(TlbiPaOperand.covering(pa, size).encode());
            sink.event(EventKind.BARRIER, 1);
            d = memory.read64(entryPa);
        }
    }

    /** Replaces granules descriptors by contiguous ones where a whole 2 MiB, then 32 MiB, then 512 MiB block has {@code gpi}. */
    private void fuse(long pa, Gpi gpi, EventSink sink) {
        long expected = GptDescriptor.l1Granules(gpi);
        for (int contig = 1; contig <= 3; contig++) {
            long size = GptDescriptor.contigSize(contig);
            long base = pa & -size;
            if (!allEntriesEqual(base, size, expected, sink)) {
                return;
            }
            expected = GptDescriptor.l1Contig(gpi, contig);
            writeL1Entries(base, size, expected, sink);
        }
    }

    /**
     * True if every level-1 word for [base, base + size) equals {@code expected}, reading them in order up
     * to the first that differs (one access each). The words are consecutive in one level-1 table, since a
     * fused block is never larger than the span of a level-0 entry.
     */
    private boolean allEntriesEqual(long base, long size, long expected, EventSink sink) {
        int count = (int) (size / L1_ENTRY_SPAN);
        long first = l1EntryPa(base);
        int differs = memory.scan64(first, count, w -> w != expected);
        sink.events(EventKind.MEM_ACCESS_TLB_HIT, Math.min(differs + 1, count), 8);
        return differs == count;
    }

    private void setGpi(long pa, Gpi gpi, EventSink sink) {
        long entryPa = l1EntryPa(pa);
        storeGpt(entryPa, GptDescriptor.withGpi(memory.read64(entryPa), (int) (pa >>> 12) & 0xF, gpi), sink);
    }

    /** Writes {@code desc} to every level-1 word for [base, base + size): consecutive words of one table. */
    private void writeL1Entries(long base, long size, long desc, EventSink sink) {
        int count = (int) (size / L1_ENTRY_SPAN);
        memory.fill64(l1EntryPa(base), count, desc);
        sink.event(EventKind.GPT_STORE, count);
    }

    private void storeGpt(long entryPa, long desc, EventSink sink) {
        memory.write64(entryPa, desc);
        sink.event(EventKind.GPT_STORE, 1);
    }

    private long l0EntryPa(long pa) {
        int s = 30 + l0gptsz;
        return l0Base + (s >= map.paBits() ? 0 : (pa >>> s) * 8);
    }

    /** The PA of the level-1 word for {@code pa}; the PA must be mapped through a level-0 table. */
    private long l1EntryPa(long pa) {
        long l0 = memory.read64(l0EntryPa(pa));
        int s = 30 + l0gptsz;
        long index = (pa >>> 16) & ((1L << (s - 16)) - 1);
        return (l0 & GptDescriptor.L0_TABLE_ADDR_MASK) + index * 8;
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }
}
