package org.micasim.realms.fuzz;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The totals of a fuzzing run, and the first failure (shrunk to a script) if there was one.
 *
 * @param sequences     sequences run
 * @param steps         steps executed (RMI calls plus Non-secure memory accesses)
 * @param rmiCalls      SMCs issued by the host
 * @param calls         per command (spec name or hex FID): {calls, successes}
 * @param statuses      per returned status: how often
 * @param guestCalls    what the hostile guests did: {RSI/PSCI calls, RSI_UPLOAD_POLICY calls, uploads accepted,
 *                      PSCI calls a Mica BLOCK rule answered with RSI_ERROR_STATE}
 * @param failure       the first failing sequence, shrunk
 */
public record FuzzReport(int sequences, long steps, long rmiCalls, Map<String, long[]> calls,
                         Map<String, Long> statuses, long[] guestCalls, Optional<FailureReport> failure) {
    public FuzzReport {
        calls = new TreeMap<>(calls);
        statuses = new TreeMap<>(statuses);
        guestCalls = guestCalls.clone();
    }

    /**
     * A failing sequence.
     *
     * @param sequence      which sequence (0-based)
     * @param sequenceSeed  its seed
     * @param kind          the invariant or {@code undefined-outcome} / {@code failed-call-changed-state}
     * @param detail        what the check found
     * @param originalSteps how many steps ran until the failure
     * @param shrunkSteps   how many remain after shrinking
     * @param script        the shrunk smc-script
     */
    public record FailureReport(int sequence, long sequenceSeed, String kind, String detail, int originalSteps,
                                int shrunkSteps, String script) {
    }

    /** Number of invariant violations (0 or 1: the run stops at the first failure). */
    public int invariantViolations() {
        return failure.filter(f -> !f.kind().equals(FuzzEngine.UNDEFINED)).isPresent() ? 1 : 0;
    }

    /** Number of undefined outcomes (0 or 1). */
    public int undefinedOutcomes() {
        return failure.filter(f -> f.kind().equals(FuzzEngine.UNDEFINED)).isPresent() ? 1 : 0;
    }
}
