package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing sequence by delta debugging (Zeller's ddmin): remove chunks of steps, halving the
 * chunk size when nothing can go, and keep a smaller sequence whenever a replay on a fresh machine still
 * fails the same way. Steps hold absolute values, so every subsequence is a valid sequence.
 */
final class Shrinker {
    private final FuzzTarget.Factory factory;
    private final int budget;
    private final boolean attested;
    private int replays;

    /**
     * @param attested whether the failing sequence ran on an attested platform
     * @param budget   the most replays to spend
     */
    Shrinker(FuzzTarget.Factory factory, boolean attested, int budget) {
        this.factory = factory;
        this.attested = attested;
        this.budget = budget;
    }

    /** Replays {@code ops} on a fresh machine and returns the execution (closed). */
    Execution replay(List<FuzzOp> ops) {
        replays++;
        try (Execution ex = new Execution(factory, attested)) {
            for (FuzzOp op : ops) {
                ex.run(op);
                if (ex.failure().isPresent()) {
                    break;
                }
            }
            return ex;
        }
    }

    int replays() {
        return replays;
    }

    /** A short sequence that still fails with {@code kind}, from {@code ops} which do. */
    List<FuzzOp> shrink(List<FuzzOp> ops, String kind) {
        List<FuzzOp> current = new ArrayList<>(ops);
        int n = 2;
        while (current.size() >= 2 && replays < budget) {
            int chunk = (current.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < current.size() && replays < budget; start += chunk) {
                List<FuzzOp> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                List<FuzzOp> failing = failingPrefix(candidate, kind);
                if (failing != null) {
                    current = failing;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= current.size()) {
                    break;
                }
                n = Math.min(current.size(), 2 * n);
            }
        }
        return current;
    }

    /** The steps of {@code ops} up to the one that fails with {@code kind}, or null if they do not. */
    private List<FuzzOp> failingPrefix(List<FuzzOp> ops, String kind) {
        Execution ex = replay(ops);
        return ex.failure().filter(f -> f.kind().equals(kind))
            .map(f -> new ArrayList<>(ops.subList(0, Math.max(f.step() + 1, 0)))).orElse(null);
    }
}
