package org.micasim.rmm.invariant;

/**
 * One broken invariant.
 *
 * @param invariant a short stable name of the rule (e.g. {@code gpt-agrees}), for grouping
 * @param detail    what was found where, with PAs in hex
 */
public record Violation(String invariant, String detail) {
    @Override
    public String toString() {
        return invariant + ": " + detail;
    }
}
