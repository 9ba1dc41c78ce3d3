package org.micasim.realms.cli.verify;

import java.util.List;

/**
 * The outcome of a verification as the report shows it: the checks in the order they are made, the one
 * that failed (or none) and why.
 *
 * @param checks the names of the checks, in order
 * @param failed the failed check's name, or null when every check held
 * @param detail what did not hold (empty when accepted)
 */
record Verdict(List<String> checks, String failed, String detail) {
    Verdict {
        checks = List.copyOf(checks);
        if (failed != null && !checks.contains(failed)) {
            throw new IllegalArgumentException("unknown check " + failed);
        }
    }

    static Verdict accepted(List<String> checks) {
        return new Verdict(checks, null, "");
    }

    boolean accepted() {
        return failed == null;
    }

    /** "ok", "FAILED" or "not reached" for check {@code i}. */
    String status(int i) {
        if (failed == null) {
            return "ok";
        }
        int f = checks.indexOf(failed);
        return i < f ? "ok" : i == f ? "FAILED" : "not reached";
    }
}
