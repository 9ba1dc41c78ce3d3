package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * Four host threads, one per PE, call the RMM (Mica installed) at the same time with the RMM's
 * TF-RMM-style granule locks. What each PE does is the fuzzer's malicious host: for every PE a
 * {@link FuzzGenerator} with its own seed first plays a sequence alone on a fresh single-PE platform (so
 * the steps are plausible, reach deep states and are the same on every run for a seed), then the four
 * recorded sequences are replayed at once on one four-PE platform of the same layout, where they name the
 * same granules and collide: delegations, realms built from the same pool, RECs entered and destroyed,
 * RTTs, DATA, RIPAS changes, Mica's commands, hostile guests running. After every round of
 * {@value #ROUND} steps per PE the threads stop and the invariants are checked (a quiescent point); every
 * call must return a status its command can return and throw nothing. The interleaving is the host
 * scheduler's, so the assertions hold whatever it was; the message names the seed.
 */
class ParallelRmiStressTest {
    private static final int PES = 4;
    private static final int STEPS = 200;
    private static final int ROUND = 25;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void fourPesReplayingFuzzedSequencesKeepEveryInvariant(long seed) throws Exception {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<List<FuzzOp>> plans = new ArrayList<>();
        for (int pe = 0; pe < PES; pe++) {
            plans.add(record(seeds.nextLong(), seed));
        }
        FuzzLog log = new FuzzLog();
        log.micaBlocks(true);
        GuestProgramRegistry programs = new GuestProgramRegistry().register(FuzzGuest.NAME, () -> new FuzzGuest(log));
        AtomicLong succeeded = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PES);
        try (FuzzTarget t = FuzzTarget.standard(PES, 7, true).boot(programs, false)) {
            Set<Long> realmOwned = realmOwned(t);
            for (int from = 0; from < STEPS; from += ROUND) {
                List<Callable<List<String>>> work = new ArrayList<>();
                for (int pe = 0; pe < PES; pe++) {
                    List<FuzzOp> slice = plans.get(pe).subList(from, Math.min(from + ROUND, plans.get(pe).size()));
                    HostCpu host = t.host(pe);
                    Set<Long> owned = realmOwned;
                    work.add(() -> replay(t, host, slice, owned, succeeded));
                }
                List<String> problems = new ArrayList<>();
                for (Future<List<String>> f : pool.invokeAll(work)) {
                    problems.addAll(f.get());
                }
                problems.addAll(log.undefinedOutcomes());
                assertEquals(List.of(), problems, "seed " + seed + " steps from " + from);
                assertEquals(List.of(), t.checker().check().violations(), "seed " + seed + " steps from " + from);
                realmOwned = realmOwned(t);
            }
            assertTrue(succeeded.get() > 0, "seed " + seed + ": some calls succeeded");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The fuzzer's steps for {@code sequenceSeed}, played alone on a fresh platform; they must pass there. */
    private static List<FuzzOp> record(long sequenceSeed, long seed) {
        List<FuzzOp> ops = new ArrayList<>();
        try (Execution ex = new Execution(FuzzTarget.standard(1, 7, true), false)) {
            FuzzGenerator gen = new FuzzGenerator(sequenceSeed, ex.target());
            while (ops.size() < STEPS) {
                FuzzOp op = gen.next();
                ops.add(op);
                Execution.Step step = ex.run(op);
                gen.observe(op, step.x0(), ex.runPage(step));
                Optional<Execution.Failure> failure = ex.failure();
                assertTrue(failure.isEmpty(), "seed " + seed + ": the sequence fails on one PE: " + failure);
            }
        }
        return ops;
    }

    /**
     * One PE's slice. A host write to a granule that was the Realm's at the last check is skipped: if
     * another PE gave it back meanwhile, the write would land after its scrub and the check would rightly
     * see a returned granule that is not zero, yet the RMM did nothing wrong.
     */
    private static List<String> replay(FuzzTarget t, HostCpu host, List<FuzzOp> slice, Set<Long> realmOwned,
                                       AtomicLong succeeded) {
        List<String> problems = new ArrayList<>();
        for (FuzzOp op : slice) {
            try {
                if (op instanceof FuzzOp.Smc s) {
                    long x0 = host.smc(s.fid(), s.args()).x0();
                    StatusRules.undefined(t.rmm(), s.fid(), x0)
                        .ifPresent(why -> problems.add(s.name() + " on PE " + host.index() + ": " + why));
                    if (x0 == 0 && s.fid() != RmiCommand.RMI_VERSION.fid() && s.fid() != RmiCommand.RMI_FEATURES.fid()) {
                        succeeded.incrementAndGet();
                    }
                } else if (!(op instanceof FuzzOp.Probe)) {
                    long pa = Execution.target(op);
                    if (!realmOwned.contains(pa & -Granule.SIZE)) {
                        host.write(pa, Execution.bytes(op));
                    }
                }
            } catch (PhysicalAccessException e) {
                // a Non-secure access to a granule the host does not own: allowed
            } catch (RuntimeException e) {
                problems.add(Execution.describe(op) + " on PE " + host.index() + " threw " + e);
                return problems;
            }
        }
        return problems;
    }

    /** The granules not UNDELEGATED now (called at a quiescent point). */
    private static Set<Long> realmOwned(FuzzTarget t) {
        Set<Long> owned = new HashSet<>();
        for (Granule g : t.rmm().granules().known()) {
            if (g.state() != GranuleState.UNDELEGATED) {
                owned.add(g.pa());
            }
        }
        return owned;
    }
}
