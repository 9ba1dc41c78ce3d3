package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;

/**
 * Everything the Mica extension adds to one RMM instance (mica.md §2.7): the Shared Granule Table and its
 * backing granules, the realm-metadata table, the transition table, and the per-realm Mica fields. One
 * per booted RMM; no static state.
 *
 * <p>All of it is guarded by one lock, the Mica lock ({@link #lock}), the last lock in the RMM's order
 * (docs/abi.md, "Concurrency"): it is taken with any granule locks already held, and no granule is locked
 * while it is held. Its contents (including the SGT's backing granules and the policy descriptors, which
 * only Mica reads and writes) change only under it; a realm's Mica fields change only with the realm's RD
 * locked as well, so a command holding the RD may rely on them not changing. The public readers take it
 * too; they are for diagnostics and tests.
 */
public final class MicaState {
    /** Largest number of SGT backing granules (published registry size). */
    public static final int MAX_SGT_GRANULES = 32;

    private final RmmState rmm;
    private final SharedGranuleTable sgt = new SharedGranuleTable();
    private final List<Long> sgtGranules = new ArrayList<>();
    private final RealmMetadataTable metadata = new RealmMetadataTable();
    private final TransitionTable transitions = new TransitionTable();
    private final TreeMap<Long, MicaRealm> realms = new TreeMap<>();
    private final TreeMap<Long, UploadOutcome> lastUploads = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    MicaState(RmmState rmm) {
        this.rmm = rmm;
    }

    /** Takes the Mica lock (after any granule locks; no granule lock may be taken while it is held). */
    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    RmmState rmm() {
        return rmm;
    }

    /** The SGT as the RMM maintains it (validation reads it back from its granules, see {@link #loadSgt}). */
    public SharedGranuleTable sgt() {
        return sgt;
    }

    /** The registered SGT backing granules, in registration order (a snapshot). */
    public List<Long> sgtGranules() {
        lock();
        try {
            return List.copyOf(sgtGranules);
        } finally {
            unlock();
        }
    }

    public RealmMetadataTable metadata() {
        return metadata;
    }

    public TransitionTable transitions() {
        return transitions;
    }

    /** The Mica fields of the realm whose RD is at {@code rd} (created with the realm). */
    MicaRealm realm(long rd) {
        return realms.computeIfAbsent(rd, k -> new MicaRealm());
    }

    void forgetRealm(long rd) {
        realms.remove(rd);
        lastUploads.remove(rd);
    }

    void recordUpload(long rd, UploadOutcome outcome) {
        lastUploads.put(rd, outcome);
    }

    /** How realm {@code rd}'s last RSI_UPLOAD_POLICY ended (diagnostics: the realm sees only the RSI status). */
    public Optional<UploadOutcome> lastUpload(long rd) {
        lock();
        try {
            return Optional.ofNullable(lastUploads.get(rd));
        } finally {
            unlock();
        }
    }

    /** The dummy page of realm {@code rd}, 0 if none is registered. */
    public long realmDummy(long rd) {
        lock();
        try {
            MicaRealm r = realms.get(rd);
            return r == null ? 0 : r.dummy();
        } finally {
            unlock();
        }
    }

    /** The policy-descriptor granule of realm {@code rd}, 0 if none is registered. */
    public long realmPd(long rd) {
        lock();
        try {
            MicaRealm r = realms.get(rd);
            return r == null ? 0 : r.pd();
        } finally {
            unlock();
        }
    }

    /** Whether realm {@code rd} has uploaded its policy. */
    public boolean uploaded(long rd) {
        lock();
        try {
            MicaRealm r = realms.get(rd);
            return r != null && r.uploaded();
        } finally {
            unlock();
        }
    }

    /** Entries the registered backing granules hold. */
    int sgtCapacity() {
        return SharedGranuleTable.capacityFor(sgtGranules.size() * Granule.SIZE);
    }

    void addSgtGranule(long pa) {
        sgtGranules.add(pa);
        persistSgt();
    }

    /**
     * Writes the SGT blob over its backing granules, in registration order: the header, then the entries
     * from the first one that changed (the bytes before it are already stored).
     */
    void persistSgt() {
        byte[] blob = sgt.encode();
        if (blob.length > sgtGranules.size() * Granule.SIZE) {
            throw new IllegalStateException("SGT larger than its backing granules");
        }
        writeBlob(blob, 0, SharedGranuleTable.HEADER_SIZE);
        writeBlob(blob, SharedGranuleTable.blobSize(sgt.firstChanged()), blob.length);
        sgt.markPersisted();
    }

    /** Writes blob[from, to) at the same offsets of the backing store. */
    private void writeBlob(byte[] blob, int from, int to) {
        int off = from;
        while (off < to) {
            int g = (int) (off / Granule.SIZE);
            int inGranule = (int) (off % Granule.SIZE);
            int n = (int) Math.min(Granule.SIZE - inGranule, to - off);
            byte[] chunk = new byte[n];
            System.arraycopy(blob, off, chunk, 0, n);
            rmm.writeRealm(sgtGranules.get(g) + inGranule, chunk);
            off += n;
        }
    }

    /**
     * Reads the SGT back from its granules (the published {@code sgt_load}): the header from the first
     * granule, then as many granules as its count needs; empty if there is no granule or the blob is not
     * a valid table.
     */
    Optional<SharedGranuleTable> loadSgt() {
        if (sgtGranules.isEmpty()) {
            return Optional.empty();
        }
        for (long pa : sgtGranules) {
            if (rmm.granules().stateOf(pa) != GranuleState.DATA) {
                return Optional.empty();
            }
        }
        byte[] first = rmm.readRealm(sgtGranules.get(0), (int) Granule.SIZE);
        long count = LittleEndian.u32(first, 8) & 0xFFFF_FFFFL;
        long size = SharedGranuleTable.blobSize((int) Math.min(count, SharedGranuleTable.MAX_ENTRIES + 1L));
        int granules = (int) Math.min(sgtGranules.size(), (size + Granule.SIZE - 1) / Granule.SIZE);
        byte[] blob = new byte[(int) (granules * Granule.SIZE)];
        System.arraycopy(first, 0, blob, 0, first.length);
        for (int i = 1; i < granules; i++) {
            byte[] g = rmm.readRealm(sgtGranules.get(i), (int) Granule.SIZE);
            System.arraycopy(g, 0, blob, (int) (i * Granule.SIZE), g.length);
        }
        return SharedGranuleTable.decode(blob);
    }

    /** The policy realm {@code rd} uploaded, read back from its descriptor granule. */
    Optional<Policy> uploadedPolicy(long rd) {
        MicaRealm r = realms.get(rd);
        if (r == null || !r.uploaded() || r.pd() == 0) {
            return Optional.empty();
        }
        return PolicyImage.decode(readImage(r.pd()));
    }

    /** The descriptor image in granule {@code pd}. */
    byte[] readImage(long pd) {
        return rmm.readRealm(pd, PolicyImage.SIZE);
    }
}
