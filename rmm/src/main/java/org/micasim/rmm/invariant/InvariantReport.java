package org.micasim.rmm.invariant;

import java.util.List;

/**
 * The result of one check.
 *
 * @param violations  the broken invariants, in the order they were found (empty when all hold)
 * @param fingerprint a digest of every piece of RMM-visible state the check read (granule states and
 *                    refcounts, RTT entries, DATA contents, realm and REC attributes): two equal
 *                    fingerprints around a call mean the call changed nothing the checker can see
 */
public record InvariantReport(List<Violation> violations, long fingerprint) {
    public InvariantReport {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
