package org.micasim.rmm.mica;

import java.util.List;
import java.util.Optional;

/**
 * The Mica fields a realm descriptor gains (mica.md §2.7): its policy-descriptor granule, its dummy page,
 * whether its policy was uploaded, and what unprotected memory it may keep from then on. Kept by the RMM
 * next to the RD, keyed by the RD's PA; zero PAs mean "not registered".
 */
final class MicaRealm {
    private long pd;
    private long dummy;
    private boolean uploaded;
    private Optional<List<IpaRange>> unprotectedAllowed = Optional.empty();

    long pd() {
        return pd;
    }

    void setPd(long pa) {
        this.pd = pa;
    }

    long dummy() {
        return dummy;
    }

    void setDummy(long pa) {
        this.dummy = pa;
    }

    /** rsi_uploaded_policy: a policy was uploaded successfully (once per realm lifetime). */
    boolean uploaded() {
        return uploaded;
    }

    /**
     * Marks the upload done, with the unprotected ranges the realm may keep (empty optional: unrestricted).
     */
    void markUploaded(Optional<List<IpaRange>> allowed) {
        this.uploaded = true;
        this.unprotectedAllowed = allowed;
    }

    /** Whether the host may map unprotected {@code ipa} (a whole {@code size} block) for this realm now. */
    boolean mayMapUnprotected(long ipa, long size) {
        if (!uploaded || unprotectedAllowed.isEmpty()) {
            return true;
        }
        return unprotectedAllowed.get().stream().anyMatch(r -> r.contains(ipa) && r.contains(ipa + size - 1));
    }
}
