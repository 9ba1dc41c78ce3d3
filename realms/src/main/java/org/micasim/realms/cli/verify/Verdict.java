package org.micasim.realms.cli.verify;

import java.util.List;

/**
 * The outcome of a verification as the report shows it: the checks in the order they are made, the one
 * that failed (or none) and why.
 *
 * @param checks the names of the checks, in order
 * @param failed the failed check's name, or null when every check held
 * @param detail what did not hold (empty when accepted)
 * @param unchecked checks not made because the relying party gave nothing to compare with
 */
record Verdict(List<String> checks, String failed, String detail, List<String> unchecked) {
    Verdict {
        checks = List.copyOf(checks);
        unchecked = List.copyOf(unchecked);
        if (failed != null && !checks.contains(failed)) {
            throw new IllegalArgumentException("unknown check " + failed);
        }
    }

    Verdict(List<String> checks, String failed, String detail) {
        this(checks, failed, detail, List.of());
    }

    static Verdict accepted(List<String> checks) {
        return new Verdict(checks, null, "");
    }

    /** This verdict with {@code names} marked as not checked. */
    Verdict without(List<String> names) {
        return new Verdict(checks, failed, detail, names);
    }

    boolean accepted() {
        return failed == null;
    }

    /** "ok", "FAILED", "not reached" or "not checked" for check {@code i}. */
    String status(int i) {
        if (unchecked.contains(checks.get(i))) {
            return "not checked";
        }
        if (failed == null) {
            return "ok";
        }
        int f = checks.indexOf(failed);
        return i < f ? "ok" : i == f ? "FAILED" : "not reached";
    }
}
