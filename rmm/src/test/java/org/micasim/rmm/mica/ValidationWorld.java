package org.micasim.rmm.mica;

import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The RMM-global Mica state the validator reads, without the rest of the RMM: activated realms, their
 * uploaded policies, the SGT and the transition table. {@link #upload} commits like the RSI handler.
 */
final class ValidationWorld {
    final RealmMetadataTable metadata = new RealmMetadataTable();
    final SharedGranuleTable sgt = new SharedGranuleTable();
    final TransitionTable table = new TransitionTable();
    final TreeMap<Long, Policy> uploaded = new TreeMap<>();
    /** What each successful upload activated: RD to its remaps. */
    final TreeMap<Long, java.util.List<SharedRemap>> activated = new TreeMap<>();
    boolean sgtLoadable = true;

    static MeasurementValue rimOf(long rd) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 0x5A);
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (rd >>> (8 * i));
        }
        return MeasurementValue.of(b);
    }

    /** Activates realm {@code rd} (its RIM derived from the address). */
    ValidationWorld realm(long rd) {
        if (!metadata.register(rd, rimOf(rd))) {
            throw new IllegalStateException("metadata table full");
        }
        return this;
    }

    /** Records that {@code pages} consecutive shared pages from {@code pa} are mapped at {@code ipa} in {@code rd}. */
    ValidationWorld share(long rd, long ipa, long pa, int pages) {
        for (int k = 0; k < pages; k++) {
            if (!sgt.add(new SgtEntry(pa + k * 4096L, ipa + k * 4096L, rd), SharedGranuleTable.MAX_ENTRIES)) {
                throw new IllegalStateException("SGT refused");
            }
        }
        return this;
    }

    ValidationResult validate(long rd, Policy p) {
        PolicyValidator v = new PolicyValidator(metadata, r -> Optional.ofNullable(uploaded.get(r)), table);
        Optional<SharedGranuleTable> loaded = sgtLoadable ? SharedGranuleTable.decode(sgt.encode()) : Optional.empty();
        return v.validate(rd, metadata.byRd(rd).map(RealmMetadataTable.Entry::rim).orElse(rimOf(rd)), p, loaded);
    }

    /** Validates and, on success, commits as RSI_UPLOAD_POLICY does. */
    ValidationResult upload(long rd, Policy p) {
        ValidationResult r = validate(rd, p);
        if (r.ok()) {
            metadata.bind(rd, p.self().orElseThrow().hash());
            uploaded.put(rd, p);
            table.replaceWith(r.activation().orElseThrow().table());
            activated.put(rd, r.activation().orElseThrow().remaps());
        }
        return r;
    }
}
