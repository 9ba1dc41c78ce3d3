package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.micasim.rmm.abi.RmiCommand;

/**
 * One row of a conformance table in the style of Arm's RMM ACS: a failure condition's spec label, how to
 * make the arguments violate it (and only it, starting from {@link Fixture}), and the expected status.
 */
record SpecRow(String label, Function<Fixture, long[]> args, String expected) {
    @Override
    public String toString() {
        return label + " -> " + expected;
    }

    static SpecRow row(String label, String expected, Function<Fixture, long[]> args) {
        return new SpecRow(label, args, expected);
    }

    /** Runs the row on a fresh fixture: the status matches and the failing call changed nothing. */
    void check(RmiCommand cmd) {
        try (Fixture f = new Fixture()) {
            long[] a = args.apply(f);
            String before = f.snapshot();
            assertEquals(expected, f.t.status(cmd, a), label);
            assertEquals(before, f.snapshot(), label + ": a failing command changes nothing");
        }
    }
}
