package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.micasim.rmm.mica.LittleEndian.put32;
import static org.micasim.rmm.mica.LittleEndian.put64;
import static org.micasim.rmm.mica.LittleEndian.u32;
import static org.micasim.rmm.mica.LittleEndian.u64;

/**
 * The Shared Granule Table (mica.md §2.7): every protected page mapped into a realm as shared, as
 * {@code (PA, IPA, RD)} tuples in the order they were recorded, at most {@value #MAX_ENTRIES}. The table
 * lives in host-donated granules; {@link #encode} and {@link #decode} give the published blob
 * ({@code u32 magic 'SGTB', u32 version 1, u32 count, u32 reserved}, then {@code count} entries of
 * {@code u64 pa, u64 gpa, u64 rd}, little-endian). Lookups go through an {@link SgtIndex} over the
 * tuples, so reading the table for validation is linear in its size. Not thread-safe: the RMM lock
 * guards it.
 */
public final class SharedGranuleTable {
    /** SGT_MAX_ENTRIES. */
    public static final int MAX_ENTRIES = 4096;
    /** 'SGTB'. */
    public static final int MAGIC = 0x53475442;
    /** Blob version. */
    public static final int VERSION = 1;
    /** Blob header size. */
    public static final int HEADER_SIZE = 16;

    private final List<SgtEntry> entries = new ArrayList<>();
    /** Lookups over {@link #entries}; null after a removal until next needed. */
    private SgtIndex index;
    /** Index of the first entry changed since {@link #markPersisted}; the size when nothing changed. */
    private int dirtyFrom;

    /** An empty table. */
    public SharedGranuleTable() {
    }

    private SharedGranuleTable(List<SgtEntry> initial) {
        entries.addAll(initial);
        dirtyFrom = entries.size();
    }

    /**
     * Index of the first entry that changed (was added, removed or moved) since the last
     * {@link #markPersisted}: entries before it are unchanged in the stored blob.
     */
    public int firstChanged() {
        return Math.min(dirtyFrom, entries.size());
    }

    /** Records that the stored blob now equals the table. */
    public void markPersisted() {
        dirtyFrom = entries.size();
    }

    /** The tuples in recording order. */
    public List<SgtEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Number of tuples. */
    public int size() {
        return entries.size();
    }

    /** Blob size for {@code count} entries. */
    public static int blobSize(int count) {
        return HEADER_SIZE + count * SgtEntry.SIZE;
    }

    /** How many entries fit in {@code bytes} of backing store (never more than {@value #MAX_ENTRIES}). */
    public static int capacityFor(long bytes) {
        long fit = (bytes - HEADER_SIZE) / SgtEntry.SIZE;
        return (int) Math.max(0, Math.min(MAX_ENTRIES, fit));
    }

    /**
     * The lookups by (RD, IPA), PA and RD over the current tuples, built on first use after a removal
     * (O(n)) and kept up to date by appends.
     */
    SgtIndex index() {
        if (index == null) {
            index = new SgtIndex(entries);
        }
        return index;
    }

    /** The tuple at {@code position} in recording order. */
    SgtEntry entryAt(int position) {
        return entries.get(position);
    }

    /** The PA recorded for IPA {@code gpa} of realm {@code rd}. */
    public Optional<Long> paFor(long rd, long gpa) {
        int at = index().indexOf(rd, gpa);
        return at == SgtIndex.NONE ? Optional.empty() : Optional.of(entries.get(at).pa());
    }

    /**
     * Whether any realm has {@code pa} mapped as shared. Right after a removal this scans rather than
     * rebuilding the index: a teardown asks it once per destroyed page, each after a removal.
     */
    public boolean isShared(long pa) {
        if (index == null) {
            for (SgtEntry e : entries) {
                if (e.pa() == pa) {
                    return true;
                }
            }
            return false;
        }
        return index.paGroupOf(pa) != SgtIndex.NONE;
    }

    /** Whether the table records exactly this tuple (walks only the tuples that name its PA). */
    public boolean contains(SgtEntry entry) {
        SgtIndex ix = index();
        int g = ix.paGroupOf(entry.pa());
        if (g == SgtIndex.NONE) {
            return false;
        }
        for (int at = ix.firstWithPa(g); at != SgtIndex.NONE; at = ix.nextWithSamePa(at)) {
            if (entries.get(at).equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Number of tuples that name {@code pa}. */
    public int sharers(long pa) {
        int g = index().paGroupOf(pa);
        return g == SgtIndex.NONE ? 0 : index.sharersOf(g);
    }

    /** The tuples of realm {@code rd}, in recording order. */
    public List<SgtEntry> entriesOf(long rd) {
        SgtIndex ix = index();
        int g = ix.rdGroupOf(rd);
        if (g == SgtIndex.NONE) {
            return List.of();
        }
        SgtEntry[] own = new SgtEntry[ix.countOfRealm(g)];
        int k = 0;
        for (int i = ix.firstOfRealm(g); i != SgtIndex.NONE; i = ix.nextOfSameRealm(i)) {
            own[k++] = entries.get(i);
        }
        return List.of(own);
    }

    /**
     * Records a tuple.
     *
     * @param capacity the number of entries the registered backing granules hold
     * @return false, with the table unchanged, if the table is full or {@code (rd, gpa)} is already recorded
     */
    public boolean add(SgtEntry entry, int capacity) {
        if (entries.size() >= Math.min(capacity, MAX_ENTRIES)
                || index().indexOf(entry.rd(), entry.gpa()) != SgtIndex.NONE) {
            return false;
        }
        dirtyFrom = Math.min(dirtyFrom, entries.size());
        entries.add(entry);
        index.appended();
        return true;
    }

    /**
     * Removes the tuple for IPA {@code gpa} of {@code rd}; returns it if there was one. Scans, like
     * {@link #isShared}, while a previous removal has dropped the index.
     */
    public Optional<SgtEntry> remove(long rd, long gpa) {
        int at = SgtIndex.NONE;
        if (index != null) {
            at = index.indexOf(rd, gpa);
        } else {
            for (int i = 0; i < entries.size() && at == SgtIndex.NONE; i++) {
                SgtEntry e = entries.get(i);
                if (e.rd() == rd && e.gpa() == gpa) {
                    at = i;
                }
            }
        }
        if (at == SgtIndex.NONE) {
            return Optional.empty();
        }
        SgtEntry e = entries.remove(at);
        index = null;
        dirtyFrom = Math.min(dirtyFrom, at);
        return Optional.of(e);
    }

    /** Removes every tuple of realm {@code rd} (REALM_DESTROY); returns them. */
    public List<SgtEntry> removeRealm(long rd) {
        List<SgtEntry> gone = entriesOf(rd);
        if (gone.isEmpty()) {
            return gone;
        }
        dirtyFrom = Math.min(dirtyFrom, index.firstOfRealm(index.rdGroupOf(rd)));
        entries.removeIf(e -> e.rd() == rd);
        index = null;
        return gone;
    }

    /** The published blob of the current table. */
    public byte[] encode() {
        byte[] blob = new byte[blobSize(entries.size())];
        put32(blob, 0, MAGIC);
        put32(blob, 4, VERSION);
        put32(blob, 8, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            SgtEntry e = entries.get(i);
            int at = HEADER_SIZE + i * SgtEntry.SIZE;
            put64(blob, at, e.pa());
            put64(blob, at + 8, e.gpa());
            put64(blob, at + 16, e.rd());
        }
        return blob;
    }

    /**
     * Reads a table back from its blob (the published {@code sgt_load}); empty if the blob is not a
     * valid table (wrong magic or version, count above the maximum or beyond the blob).
     */
    public static Optional<SharedGranuleTable> decode(byte[] blob) {
        if (blob.length < HEADER_SIZE || u32(blob, 0) != MAGIC || u32(blob, 4) != VERSION) {
            return Optional.empty();
        }
        long count = u32(blob, 8) & 0xFFFF_FFFFL;
        if (count > MAX_ENTRIES || blobSize((int) count) > blob.length) {
            return Optional.empty();
        }
        List<SgtEntry> list = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int at = HEADER_SIZE + i * SgtEntry.SIZE;
            list.add(new SgtEntry(u64(blob, at), u64(blob, at + 8), u64(blob, at + 16)));
        }
        return Optional.of(new SharedGranuleTable(list));
    }
}
