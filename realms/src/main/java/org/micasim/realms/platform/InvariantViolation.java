package org.micasim.realms.platform;

import java.util.List;
import java.util.Optional;
import org.micasim.rmm.invariant.Violation;

/**
 * The RMM broke one or more of its invariants (docs/security.md §2) in the RMI call just made: thrown by
 * {@link InvariantCheckedFirmware} after that call returned, so the run stops right there. It carries the
 * call, every violation the check found and, once a caller knows it, where the call came from (an
 * smc-script's {@code FILE:LINE}).
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final transient List<Violation> violations;
    private final String where;

    /**
     * @param call       the call as the host made it and what it returned, e.g.
     *                   {@code RMI_DATA_DESTROY(0x88001000, 0x0) -> RMI_SUCCESS}
     * @param violations what the check found (at least one)
     */
    public InvariantViolation(String call, List<Violation> violations) {
        this(call, violations, null);
    }

    private InvariantViolation(String call, List<Violation> violations, String where) {
        super("invariant violated after " + call, null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a violation needs at least one broken invariant");
        }
        this.call = call;
        this.violations = List.copyOf(violations);
        this.where = where;
    }

    /** The same violation, located at {@code where} (e.g. {@code script.smc:12}). */
    public InvariantViolation at(String where) {
        return new InvariantViolation(call, violations, where);
    }

    /** The call after which the check failed, with its arguments and status. */
    public String call() {
        return call;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Where the call came from, if a caller said so. */
    public Optional<String> where() {
        return Optional.ofNullable(where);
    }

    /**
     * The report for a terminal: the first line names the call (prefixed by its location when known), then
     * one indented line per broken invariant, {@code name: what was found where}.
     */
    public String report() {
        StringBuilder b = new StringBuilder(where == null ? "" : where + ": ").append(getMessage()).append(':');
        for (Violation v : violations) {
            b.append(System.lineSeparator()).append("  ").append(v);
        }
        return b.toString();
    }
}
