package org.micasim.simulator.tlb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PE's stage-2 TLB: set-associative, each entry tagged by VMID, security state (Realm or Non-secure)
 * and the 4 KiB IPA page it translates, holding the output PA, output PAS, S2AP permissions and the level
 * of the leaf descriptor (so a TLBI by IPA removes every page cached from a block that covers the IPA).
 * Replacement is round-robin per set, so the contents are deterministic.
 *
 * <p>Entries are packed in two longs. The tag is published with release semantics after the data and
 * read with acquire semantics, so a remote invalidation (broadcast TLBI from another PE's thread) is never
 * observed half done. {@link #epoch()} increases on every invalidation: a walk that started before an
 * invalidation does not leave its result behind ({@link #fill}).
 */
public final class Tlb {
    private static final VarHandle TAGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long VALID = 1L << 63;
    private static final long REALM = 1L << 62;

    /** Data bit: readable (S2AP[0]). */
    public static final long DATA_READ = 1;
    /** Data bit: writable (S2AP[1]). */
    public static final long DATA_WRITE = 2;
    /** Data field [3:2]: output PAS encoding. */
    public static final int DATA_PAS_SHIFT = 2;
    /** Data field [5:4]: level of the leaf descriptor (1, 2 or 3). */
    public static final int DATA_LEVEL_SHIFT = 4;
    /** Data bit: the output is backed by memory (not device / hole). */
    public static final long DATA_MEMORY = 1L << 6;
    /**
     * Data bit: the output granule passed the granule protection check when the entry was filled (GPT
     * information combined with the translation, as hardware may cache it; TLBI PA operations drop such
     * entries, see {@link #invalidatePaRange}).
     */
    public static final long DATA_GPC_OK = 1L << 8;
    /** Data bit 7 is always set in a valid entry so that 0 means "miss". */
    public static final long DATA_PRESENT = 1L << 7;
    /** Data field [51:12]: output page PA. */
    public static final long DATA_PA_MASK = 0x000F_FFFF_FFFF_F000L;

    private final int sets;
    private final int ways;
    private final long[] tags;
    private final long[] data;
    private final int[] nextVictim;
    private final AtomicLong epoch = new AtomicLong();
    /**
     * Set once an entry from a block (level 1 or 2 leaf) has been filled, never cleared. Until then every
     * entry caches its own 4 KiB page, so a TLBI by IPA need only look in that page's set.
     */
    private volatile boolean holdsBlocks;
    /**
     * Set by the first fill, never cleared: a TLB that has never been filled has nothing to invalidate, so
     * the broadcast TLBIs of GPT transitions and TLBI VMALLS12E1IS skip its scan. A fill racing with an
     * invalidation either set it before the invalidation read it, or reads the new epoch and drops its
     * entry itself (both are volatile, so they are ordered).
     */
    private volatile boolean everFilled;

    public Tlb(int sets, int ways) {
        if (Integer.bitCount(sets) != 1 || ways < 1) {
            throw new IllegalArgumentException("TLB needs a power-of-two number of sets and at least one way");
        }
        this.sets = sets;
        this.ways = ways;
        this.tags = new long[sets * ways];
        this.data = new long[sets * ways];
        this.nextVictim = new int[sets];
    }

    private static long tag(int vmid, boolean realm, long ipa) {
        return VALID | (realm ? REALM : 0) | ((long) (vmid & 0xFFFF) << 40) | ((ipa >>> 12) & 0xFF_FFFF_FFFFL);
    }

    private int set(int vmid, long ipa) {
        return (int) ((ipa >>> 12) ^ (vmid * 0x9E37L)) & (sets - 1);
    }

    /** The cached data for the page of {@code ipa}, or 0 on a miss. */
    public long lookup(int vmid, boolean realm, long ipa) {
        long t = tag(vmid, realm, ipa);
        int base = set(vmid, ipa) * ways;
        for (int w = 0; w < ways; w++) {
            if ((long) TAGS.getAcquire(tags, base + w) == t) {
                return data[base + w];
            }
        }
        return 0;
    }

    /** The invalidation count, read before a walk and passed to {@link #fill}. */
    public long epoch() {
        return epoch.get();
    }

    /**
     * Installs a translation found by a walk that started at {@code walkEpoch}; if an invalidation
     * happened since, the entry is dropped again (the walk may have read tables that were then changed)
     * and this returns false: the walk was overtaken and its result must not be used.
     */
    public boolean fill(int vmid, boolean realm, long ipa, long entryData, long walkEpoch) {
        long t = tag(vmid, realm, ipa);
        int s = set(vmid, ipa);
        int base = s * ways;
        int slot = -1;
        for (int w = 0; w < ways; w++) {
            long cur = (long) TAGS.getAcquire(tags, base + w);
            if (cur == t || (cur & VALID) == 0) {
                slot = base + w;
                break;
            }
        }
        if (slot < 0) {
            slot = base + nextVictim[s];
            nextVictim[s] = (nextVictim[s] + 1) % ways;
        }
        if (!everFilled) {
            everFilled = true; // before the entry is published, as holdsBlocks
        }
        if (((entryData >>> DATA_LEVEL_SHIFT) & 3) != 3) {
            holdsBlocks = true; // before the entry is published: see invalidateIpa
        }
        TAGS.setRelease(tags, slot, 0L);
        data[slot] = entryData | DATA_PRESENT;
        TAGS.setRelease(tags, slot, t);
        if (epoch.get() != walkEpoch) {
            TAGS.compareAndSet(tags, slot, t, 0L);
            return false;
        }
        return true;
    }

    /** TLBI IPAS2E1IS: drops entries of {@code vmid} in the security state whose leaf covers {@code ipa}. */
    public int invalidateIpa(int vmid, boolean realm, long ipa) {
        epoch.incrementAndGet();
        if (!everFilled) {
            return 0;
        }
        long want = tag(vmid, realm, 0) & ~0xFF_FFFF_FFFFL;
        int dropped = 0;
        // Without block entries only the page's own set can hold a match. A block fill racing with this
        // either set holdsBlocks before we read it, or reads the new epoch and drops its entry itself.
        boolean anyBlock = holdsBlocks;
        int from = anyBlock ? 0 : set(vmid, ipa) * ways;
        int to = anyBlock ? tags.length : from + ways;
        for (int i = from; i < to; i++) {
            long t = (long) TAGS.getAcquire(tags, i);
            if ((t & ~0xFF_FFFF_FFFFL) != want) {
                continue;
            }
            int level = (int) (data[i] >>> DATA_LEVEL_SHIFT) & 3;
            long blockMask = -(1L << (12 + 9 * (3 - level)));
            if ((((t & 0xFF_FFFF_FFFFL) << 12) & blockMask) == (ipa & blockMask & 0x000F_FFFF_FFFF_F000L)
                    && TAGS.compareAndSet(tags, i, t, 0L)) {
                dropped++;
            }
        }
        epoch.incrementAndGet();
        return dropped;
    }

    /** TLBI VMALLS12E1IS: drops every entry of {@code vmid} in the security state. */
    public int invalidateVmid(int vmid, boolean realm) {
        epoch.incrementAndGet();
        if (!everFilled) {
            return 0;
        }
        long want = tag(vmid, realm, 0) & ~0xFF_FFFF_FFFFL;
        int dropped = 0;
        for (int i = 0; i < tags.length; i++) {
            long t = (long) TAGS.getAcquire(tags, i);
            if ((t & ~0xFF_FFFF_FFFFL) == want && TAGS.compareAndSet(tags, i, t, 0L)) {
                dropped++;
            }
        }
        epoch.incrementAndGet();
        return dropped;
    }

    /**
     * TLBI RPALOS / RPAOS reaching the TLB: drops every entry carrying GPT information for an output
     * granule in [base, base + bytes).
     */
    public int invalidatePaRange(long base, long bytes) {
        epoch.incrementAndGet();
        if (!everFilled) {
            return 0;
        }
        int dropped = 0;
        for (int i = 0; i < tags.length; i++) {
            // Plain pre-check: an entry that is invalid now is skipped exactly as the acquire read below
            // would skip it (a fill racing with this scan is caught by the epoch either way); it lets the
            // JIT run the scan over empty entries without a barrier per entry (GPT transitions issue this
            // on every delegate and undelegate).
            if ((tags[i] & VALID) == 0) {
                continue;
            }
            long t = (long) TAGS.getAcquire(tags, i);
            long d = data[i];
            if ((t & VALID) != 0 && (d & DATA_GPC_OK) != 0 && (d & DATA_PA_MASK) - base >= 0
                    && (d & DATA_PA_MASK) - base < bytes && TAGS.compareAndSet(tags, i, t, 0L)) {
                dropped++;
            }
        }
        epoch.incrementAndGet();
        return dropped;
    }

    /** TLBI ALLE1IS-style: drops every entry. */
    public int invalidateAll() {
        epoch.incrementAndGet();
        if (!everFilled) {
            return 0;
        }
        int dropped = 0;
        for (int i = 0; i < tags.length; i++) {
            long t = (long) TAGS.getAcquire(tags, i);
            if ((t & VALID) != 0 && TAGS.compareAndSet(tags, i, t, 0L)) {
                dropped++;
            }
        }
        epoch.incrementAndGet();
        return dropped;
    }

    /** The valid entries, for inspection, in slot order. */
    public List<TlbEntry> entries() {
        List<TlbEntry> out = new ArrayList<>();
        for (int i = 0; i < tags.length; i++) {
            long t = (long) TAGS.getAcquire(tags, i);
            if ((t & VALID) != 0) {
                long d = data[i];
                out.add(new TlbEntry((int) (t >>> 40) & 0xFFFF, (t & REALM) != 0, (t & 0xFF_FFFF_FFFFL) << 12,
                        d & DATA_PA_MASK, (int) (d >>> DATA_PAS_SHIFT) & 3, (int) (d >>> DATA_LEVEL_SHIFT) & 3,
                        (d & DATA_READ) != 0, (d & DATA_WRITE) != 0));
            }
        }
        return out;
    }

    public int capacity() {
        return tags.length;
    }
}
