package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The realm-metadata table (mica.md §2.7, "RAM"): for each activated realm its RD, its RIM, and the
 * policy identity bound at upload. This is how the RMM maps a policy's VM hash to a live realm. At most
 * {@value #CAPACITY} entries; an entry is created at REALM_ACTIVATE and removed at REALM_DESTROY.
 */
public final class RealmMetadataTable {
    /** Published capacity. */
    public static final int CAPACITY = 8;

    /**
     * One activated realm.
     *
     * @param rd   the RD granule PA
     * @param rim  the RIM at activation (final from then on)
     * @param hash the policy identity bound at a successful upload, if any
     */
    public record Entry(long rd, MeasurementValue rim, Optional<Integer> hash) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Entries in creation order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /**
     * Records an activated realm.
     *
     * @return false if the table is full or {@code rd} already has an entry (the table is unchanged)
     */
    public boolean register(long rd, MeasurementValue rim) {
        if (entries.size() >= CAPACITY || byRd(rd).isPresent()) {
            return false;
        }
        entries.add(new Entry(rd, rim, Optional.empty()));
        return true;
    }

    /** The entry of realm {@code rd}. */
    public Optional<Entry> byRd(long rd) {
        return entries.stream().filter(e -> e.rd() == rd).findFirst();
    }

    /** The realm bound to identity {@code hash}. */
    public Optional<Entry> byHash(int hash) {
        return entries.stream().filter(e -> e.hash().isPresent() && e.hash().get() == hash).findFirst();
    }

    /**
     * Binds {@code hash} to realm {@code rd} (at a successful upload).
     *
     * @throws IllegalStateException if {@code rd} has no entry or another realm holds {@code hash}; the
     *                               upload handler checks both before committing
     */
    public void bind(long rd, int hash) {
        Optional<Entry> other = byHash(hash);
        if (other.isPresent() && other.get().rd() != rd) {
            throw new IllegalStateException(String.format("identity 0x%x is bound to another realm", hash));
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.rd() == rd) {
                entries.set(i, new Entry(rd, e.rim(), Optional.of(hash)));
                return;
            }
        }
        throw new IllegalStateException(String.format("realm 0x%x has no metadata entry", rd));
    }

    /** Removes realm {@code rd}'s entry (REALM_DESTROY). */
    public void remove(long rd) {
        entries.removeIf(e -> e.rd() == rd);
    }
}
