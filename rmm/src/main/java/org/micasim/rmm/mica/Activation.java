package org.micasim.rmm.mica;

import java.util.List;
import java.util.Optional;

/**
 * What a successful validation commits: the uploader's shared IPAs to move from the dummy page to their
 * real pages, the unprotected IPA ranges it may keep from now on, and the transition table with the
 * newly agreed rules.
 *
 * @param remaps             shared pages to map, in SGT order
 * @param unprotectedAllowed empty: unprotected memory stays unrestricted (non-strict gateway); present:
 *                           only these ranges may hold host-shared mappings (none for a non-gateway)
 * @param table              the staged transition table to adopt
 */
public record Activation(List<SharedRemap> remaps, Optional<List<IpaRange>> unprotectedAllowed,
                         TransitionTable table) {
    public Activation {
        remaps = List.copyOf(remaps);
        unprotectedAllowed = unprotectedAllowed.map(List::copyOf);
    }
}
