package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The stateful malicious-host fuzzer: {@code sequences} sequences of {@code calls} RMI calls each, every
 * sequence on a freshly booted platform with its own seed drawn from the run's seed, the invariants
 * checked after every call. The first failing sequence is replayed, shrunk and written as an smc-script;
 * the run stops there. Same seed, same run.
 */
public final class FuzzEngine {
    /** The failure kind of a call that threw or returned a status its command cannot return. */
    public static final String UNDEFINED = "undefined-outcome";
    /** Replays the shrinker may spend. */
    static final int SHRINK_BUDGET = 400;
    /**
     * One sequence in this many runs on a platform with an attestation root (so tokens are issued);
     * the others skip the P-384 work at boot, which would otherwise dominate the run time.
     */
    static final int ATTESTED_EVERY = 20;

    private final FuzzTarget.Factory factory;
    private final boolean mica;

    /** @param mica whether {@code factory} installs Mica (for the replay hint in a failure's script) */
    public FuzzEngine(FuzzTarget.Factory factory, boolean mica) {
        this.factory = factory;
        this.mica = mica;
    }

    /** Runs the campaign. */
    public FuzzReport run(int sequences, int calls, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        Totals t = new Totals();
        for (int i = 0; i < sequences; i++) {
            long sequenceSeed = seeds.nextLong();
            Optional<FuzzReport.FailureReport> f = sequence(i, sequenceSeed, calls, seed, t);
            t.sequences++;
            if (f.isPresent()) {
                return t.report(f);
            }
        }
        return t.report(Optional.empty());
    }

    private Optional<FuzzReport.FailureReport> sequence(int index, long sequenceSeed, int calls, long seed, Totals t) {
        List<FuzzOp> ops = new ArrayList<>();
        Optional<Execution.Failure> failure;
        boolean attested = index % ATTESTED_EVERY == 0;
        try (Execution ex = new Execution(factory, attested)) {
            FuzzGenerator gen = new FuzzGenerator(sequenceSeed, ex.target());
            int rmi = 0;
            while (rmi < calls && ex.failure().isEmpty()) {
                FuzzOp op = gen.next();
                ops.add(op);
                Execution.Step step = ex.run(op);
                gen.observe(op, step.x0(), ex.runPage(step));
                t.count(step);
                if (op instanceof FuzzOp.Smc) {
                    rmi++;
                }
            }
            failure = ex.failure();
            t.guest(ex.log().rsiCounts());
        }
        if (failure.isEmpty()) {
            return Optional.empty();
        }
        Execution.Failure first = failure.get();
        Shrinker shrinker = new Shrinker(factory, attested, SHRINK_BUDGET);
        List<FuzzOp> prefix = ops.subList(0, Math.max(first.step() + 1, 0));
        List<FuzzOp> shrunk = shrinker.shrink(prefix, first.kind());
        Execution replay = shrinker.replay(shrunk);
        Optional<Execution.Failure> again = replay.failure();
        Execution.Failure shown = again.orElse(first);
        List<String> header = List.of(
            String.format("mica fuzz --seed %d: sequence %d (seed %d) failed after %d steps", seed, index,
                sequenceSeed, prefix.size()),
            String.format("shrunk to %d steps with %d replays; replay: mica fuzz --replay FILE --seed %d%s%s",
                shrunk.size(), shrinker.replays(), seed, attested ? " --attested" : "", mica ? "" : " --no-mica"),
            shown.kind() + ": " + shown.detail().replace('\n', ' '));
        String script = ScriptRenderer.render(header, replay.steps(), again);
        return Optional.of(new FuzzReport.FailureReport(index, sequenceSeed, first.kind(), shown.detail(),
            prefix.size(), shrunk.size(), script));
    }

    /** Running totals. */
    private static final class Totals {
        int sequences;
        long steps;
        long rmiCalls;
        final Map<String, long[]> calls = new TreeMap<>();
        final Map<String, Long> statuses = new TreeMap<>();
        final long[] guest = new long[4];

        void guest(long[] counts) {
            for (int i = 0; i < guest.length; i++) {
                guest[i] += counts[i];
            }
        }

        void count(Execution.Step step) {
            steps++;
            if (step.op() instanceof FuzzOp.Smc s) {
                rmiCalls++;
                long[] c = calls.computeIfAbsent(s.name(), k -> new long[2]);
                c[0]++;
                if (step.x0() == 0) {
                    c[1]++;
                }
                statuses.merge(statusName(step.status()), 1L, Long::sum);
            }
        }

        private static String statusName(String status) {
            int paren = status.indexOf('(');
            return paren < 0 ? status : status.substring(0, paren);
        }

        FuzzReport report(Optional<FuzzReport.FailureReport> failure) {
            return new FuzzReport(sequences, steps, rmiCalls, calls, statuses, guest, failure);
        }
    }
}
