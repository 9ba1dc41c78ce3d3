package org.micasim.realms.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.machine.Machine;

/**
 * The malicious host's next move. Half of the time it advances a plausible realm life cycle (delegate,
 * create, map, load an image of the {@link FuzzGuest}, create RECs, activate, enter, answer exits, tear
 * down) so that deep states are reached; the rest of the time it calls any command, Mica's included,
 * with arguments drawn from live objects of the right or the wrong kind, other realms' granules, aliases,
 * off-by-one and out-of-range addresses, or writes and probes memory. It reads the RMM's state (never
 * writes it) and the RTTs through side-effect-free peeks, and uses nothing but its seed for choices.
 */
final class FuzzGenerator {
    /** NS scratch granules: realm params, REC params, DATA source, REC run page, NS page to map. */
    static final long PARAMS = 0x8000_0000L;
    static final long REC_PARAMS = 0x8000_1000L;
    static final long SRC = 0x8000_2000L;
    static final long RUN = 0x8000_3000L;
    static final long NS_PAGE = 0x8000_4000L;
    /** The granules the host delegates from. */
    static final long POOL = 0x8800_0000L;
    static final int POOL_GRANULES = 72;
    /** The IPA the realm image (the guest descriptor) is loaded at, and its REC's entry PC. */
    static final long IMAGE_IPA = 0;
    /** The IPA of the page holding the (mutated) binary policy the guest uploads. */
    static final long POLICY_IPA = 0x1000;
    /** The IPA the host maps as Mica shared memory. */
    static final long SHARED_IPA = 0x2000;
    /** An unprotected IPA of a 39-bit realm, mapped to the NS page. */
    static final long UNPROTECTED_IPA = 1L << 38;
    private static final long[] WEIRD = {0, 0x1000, 0x7FFF_F000L, 0x1_0000_0000L, 1L << 48, -1L, -0x1000L,
        0x0700_0000L};

    private final SplittableRandom rnd;
    private final RmmState rmm;
    private final Machine machine;
    private final ArrayDeque<FuzzOp> pending = new ArrayDeque<>();
    private final List<RmiCommand> commands = List.of(RmiCommand.values());
    private final SeedPolicies policies = new SeedPolicies();
    /** What the last REC_ENTER's exit asked for, so the host can answer it. */
    private RmiRecExit lastExit;
    private long lastExitRec;

    FuzzGenerator(long seed, FuzzTarget target) {
        this.rnd = new SplittableRandom(seed);
        this.rmm = target.rmm();
        this.machine = target.machine();
    }

    /** The next step. */
    FuzzOp next() {
        if (pending.isEmpty()) {
            int k = rnd.nextInt(100);
            if (k < 50) {
                lifeCycle();
            } else if (k < 92) {
                pending.addAll(randomCall());
            } else {
                pending.add(memoryOp());
            }
            if (pending.isEmpty()) {
                pending.addAll(randomCall());
            }
        }
        return pending.poll();
    }

    /** Tells the generator what a step returned (REC exits are read back from the run page). */
    void observe(FuzzOp op, long x0, byte[] runPage) {
        if (op instanceof FuzzOp.Smc s && s.fid() == RmiCommand.RMI_REC_ENTER.fid() && x0 == 0 && runPage != null) {
            lastExit = RmiRecRun.decode(runPage).exit();
            lastExitRec = s.args()[0];
        }
    }

    // ---------------------------------------------------------------- the life cycle

    private void lifeCycle() {
        List<Long> delegated = inState(GranuleState.DELEGATED);
        List<Rd> realms = rmm.realms();
        if (lastExit != null && rnd.nextInt(3) != 0) {
            answerExit();
            return;
        }
        if (delegated.size() < 20 && rnd.nextInt(4) != 0) {
            List<Long> free = inState(GranuleState.UNDELEGATED);
            free.removeIf(pa -> pa < POOL);
            if (!free.isEmpty()) {
                smc(RmiCommand.RMI_GRANULE_DELEGATE, pick(free));
                return;
            }
        }
        if (realms.isEmpty() || (realms.size() < 3 && rnd.nextInt(8) == 0)) {
            createRealm(delegated);
            return;
        }
        Rd rd = realms.get(rnd.nextInt(realms.size()));
        if (rd.state() == RealmState.REALM_SYSTEM_OFF || rnd.nextInt(40) == 0) {
            teardown(rd);
        } else if (rd.state() == RealmState.REALM_NEW) {
            build(rd, delegated);
        } else {
            List<Rec> recs = rmm.recsOf(rd);
            if (recs.isEmpty()) {
                teardown(rd);
            } else if (rnd.nextInt(8) == 0) {
                // after activation: Mica refuses unprotected mappings outside the policy
                if (rnd.nextInt(2) == 0) {
                    smc(RmiCommand.RMI_RTT_MAP_UNPROTECTED, rd.pa(), UNPROTECTED_IPA, 3, nsDescriptor());
                } else {
                    smc(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, rd.pa(), UNPROTECTED_IPA, 3);
                }
            } else {
                smc(RmiCommand.RMI_REC_ENTER, pick(recs).pa(), RUN);
            }
        }
    }

    private void createRealm(List<Long> delegated) {
        if (delegated.size() < 2) {
            return;
        }
        long rtt = delegated.get(0);
        long rd = delegated.get(1 + rnd.nextInt(delegated.size() - 1));
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("s2sz", 39L);
        p.put("num_bps", 1L);
        p.put("num_wps", 1L);
        p.put("rtt_base", rtt);
        p.put("rtt_level_start", 1L);
        p.put("rtt_num_start", 1L);
        p.put("vmid", (long) rnd.nextInt(4));
        p.put("hash_algo", (long) rnd.nextInt(2));
        pending.add(new FuzzOp.RealmParams(PARAMS, p));
        smc(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
    }

    /**
     * One step towards a runnable realm: tables for the image, the image, a page holding a (mutated)
     * binary policy, RAM, Mica's granules and a shared page, an unprotected mapping, a REC, activation.
     */
    private void build(Rd rd, List<Long> delegated) {
        Walk w = walk(rd, IMAGE_IPA);
        if (delegated.isEmpty()) {
            return;
        }
        long free = pick(delegated);
        int k = rnd.nextInt(12);
        if (w.level < 3) {
            smc(RmiCommand.RMI_RTT_CREATE, rd.pa(), free, IMAGE_IPA, w.level + 1);
        } else if (w.state != S2tteState.ASSIGNED && S2tte.ripas(w.entry) != org.micasim.rmm.abi.RmiRipas.RAM
            && k < 8) {
            pending.add(new FuzzOp.Write(SRC, FuzzGuest.descriptor(rnd.nextLong())));
            smc(RmiCommand.RMI_DATA_CREATE, rd.pa(), free, IMAGE_IPA, SRC, rnd.nextInt(2));
        } else if (k == 0 && walk(rd, POLICY_IPA).state == S2tteState.UNASSIGNED) {
            pending.add(new FuzzOp.Write(SRC, policies.mutated(rnd)));
            smc(RmiCommand.RMI_DATA_CREATE, rd.pa(), free, POLICY_IPA, SRC, 1);
        } else if (k == 1) {
            smc(RmiCommand.RMI_RTT_INIT_RIPAS, rd.pa(), rnd.nextInt(2) == 0 ? SHARED_IPA : 0x1000L * (1 + rnd.nextInt(3)),
                0x1000L * (4 + rnd.nextInt(8)));
        } else if (k == 2) {
            RmiCommand[] mica = {RmiCommand.RMI_REALM_PD, RmiCommand.RMI_REALM_DUMMY_PAGE};
            smc(mica[rnd.nextInt(2)], rd.pa(), free);
        } else if (k == 3) {
            smc(RmiCommand.RMI_SGT, free);
        } else if (k == 4) {
            List<Long> data = inState(GranuleState.DATA);
            long page = rnd.nextInt(2) == 0 || data.isEmpty() ? free : pick(data);
            smc(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, rd.pa(), page, SHARED_IPA);
        } else if (k == 5) {
            Walk u = walk(rd, UNPROTECTED_IPA);
            if (u.level < 3) {
                smc(RmiCommand.RMI_RTT_CREATE, rd.pa(), free, UNPROTECTED_IPA, u.level + 1);
            } else {
                smc(RmiCommand.RMI_RTT_MAP_UNPROTECTED, rd.pa(), UNPROTECTED_IPA, 3, nsDescriptor());
            }
        } else if (rmm.recsOf(rd).size() < 2 && delegated.size() >= 1 + org.micasim.rmm.realm.Rd.REC_AUX_COUNT
            && k < 10) {
            createRec(rd, delegated);
        } else {
            smc(RmiCommand.RMI_REALM_ACTIVATE, rd.pa());
        }
    }

    private boolean lacksImage(Rd rd) {
        return walk(rd, IMAGE_IPA).state != S2tteState.ASSIGNED;
    }

    private void createRec(Rd rd, List<Long> delegated) {
        List<Long> d = new ArrayList<>(delegated);
        long rec = d.remove(rnd.nextInt(d.size()));
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("flags", rnd.nextInt(5) == 0 ? 0L : 1L);
        p.put("mpidr", rd.recIndex() < 16 ? rd.recIndex() : rd.recIndex() % 16 + ((rd.recIndex() / 16) << 8));
        p.put("pc", IMAGE_IPA);
        p.put("num_aux", (long) org.micasim.rmm.realm.Rd.REC_AUX_COUNT);
        for (int i = 0; i < org.micasim.rmm.realm.Rd.REC_AUX_COUNT; i++) {
            p.put("aux" + i, d.remove(rnd.nextInt(d.size())));
        }
        pending.add(new FuzzOp.RecParams(REC_PARAMS, p));
        smc(RmiCommand.RMI_REC_CREATE, rd.pa(), rec, REC_PARAMS);
    }

    private void teardown(Rd rd) {
        List<Rec> recs = rmm.recsOf(rd);
        if (!recs.isEmpty()) {
            smc(RmiCommand.RMI_REC_DESTROY, pick(recs).pa());
            return;
        }
        for (long ipa : new long[] {IMAGE_IPA, POLICY_IPA, SHARED_IPA}) {
            Walk w = walk(rd, ipa);
            if (w.level == 3 && w.state == S2tteState.ASSIGNED) {
                smc(RmiCommand.RMI_DATA_DESTROY, rd.pa(), ipa);
                return;
            }
        }
        for (long ipa : new long[] {IMAGE_IPA, UNPROTECTED_IPA}) {
            Walk w = walk(rd, ipa);
            if (w.level > rd.s2().startLevel()) {
                smc(RmiCommand.RMI_RTT_DESTROY, rd.pa(), ipa, w.level);
                return;
            }
        }
        smc(RmiCommand.RMI_REALM_DESTROY, rd.pa());
    }

    /** Answers the last REC exit: RTT_SET_RIPAS for a RIPAS change, PSCI_COMPLETE for a PSCI request. */
    private void answerExit() {
        RmiRecExit e = lastExit;
        lastExit = null;
        Rec rec = rmm.recAt(lastExitRec);
        if (rec == null) {
            return;
        }
        if (e.exitReason() == RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE) {
            smc(RmiCommand.RMI_RTT_SET_RIPAS, rec.owner().pa(), rec.pa(), e.ripasBase(), e.ripasTop());
        } else if (e.exitReason() == RmiRecExitReason.RMI_EXIT_PSCI) {
            long target = rec.pa();
            for (Rec r : rmm.recsOf(rec.owner())) {
                if (r.mpidr() == e.gpr(1)) {
                    target = r.pa();
                }
            }
            smc(RmiCommand.RMI_PSCI_COMPLETE, rec.pa(), target, rnd.nextInt(4) == 0 ? -3L & 0xFFFF_FFFFL : 0);
        }
    }

    // ---------------------------------------------------------------- random calls

    private List<FuzzOp> randomCall() {
        List<FuzzOp> ops = new ArrayList<>();
        if (rnd.nextInt(50) == 0) {
            long fid = rnd.nextInt(2) == 0 ? RmiCommand.RMI_FID_FIRST + rnd.nextInt(0x30)
                : RsiCommand.values()[rnd.nextInt(RsiCommand.values().length)].fid();
            int n = RmiCommand.byFid(fid).map(RmiCommand::argumentCount).orElse(3);
            long[] args = new long[n];
            for (int i = 0; i < n; i++) {
                args[i] = i == 0 ? granule() : i == 1 ? ipa() : rnd.nextLong();
            }
            ops.add(new FuzzOp.Smc(fid, args));
            return ops;
        }
        RmiCommand c = commands.get(rnd.nextInt(commands.size()));
        long[] a = switch (c) {
            case RMI_VERSION -> new long[] {rnd.nextInt(3) == 0 ? rnd.nextLong() : 0x10000L + rnd.nextInt(3) - 1};
            case RMI_FEATURES -> new long[] {rnd.nextInt(3)};
            case RMI_GRANULE_DELEGATE, RMI_GRANULE_UNDELEGATE -> new long[] {granule()};
            case RMI_DATA_CREATE -> new long[] {rd(), granule(), ipa(), rnd.nextInt(4) == 0 ? granule() : SRC,
                rnd.nextInt(6) == 0 ? rnd.nextLong() : rnd.nextInt(2)};
            case RMI_DATA_CREATE_UNKNOWN, RMI_DATA_CREATE_UNKNOWN_SHARED -> new long[] {rd(), granule(), ipa()};
            case RMI_DATA_DESTROY -> new long[] {rd(), ipa()};
            case RMI_REALM_ACTIVATE, RMI_REALM_DESTROY, RMI_REC_AUX_COUNT -> new long[] {rd()};
            case RMI_REALM_CREATE -> {
                ops.add(realmParams());
                yield new long[] {granule(), rnd.nextInt(5) == 0 ? granule() : PARAMS};
            }
            case RMI_REC_CREATE -> {
                ops.add(recParams());
                yield new long[] {rd(), granule(), rnd.nextInt(5) == 0 ? granule() : REC_PARAMS};
            }
            case RMI_REC_DESTROY -> new long[] {rec()};
            case RMI_REC_ENTER -> new long[] {rec(), runPointer()};
            case RMI_RTT_CREATE -> new long[] {rd(), granule(), ipa(), level()};
            case RMI_RTT_DESTROY, RMI_RTT_FOLD, RMI_RTT_READ_ENTRY, RMI_RTT_UNMAP_UNPROTECTED ->
                new long[] {rd(), ipa(), level()};
            case RMI_RTT_MAP_UNPROTECTED -> new long[] {rd(), ipa(), level(), nsDescriptor()};
            case RMI_PSCI_COMPLETE -> new long[] {rec(), rec(), rnd.nextInt(3) == 0 ? rnd.nextLong() : 0};
            case RMI_RTT_INIT_RIPAS -> new long[] {rd(), ipa(), ipa()};
            case RMI_RTT_SET_RIPAS -> new long[] {rd(), rec(), ipa(), ipa()};
            case RMI_REALM_PD, RMI_REALM_DUMMY_PAGE -> new long[] {rd(), granule()};
            case RMI_SGT -> new long[] {granule()};
        };
        if (c == RmiCommand.RMI_REC_ENTER) {
            ops.add(enterFlags());
        }
        ops.add(new FuzzOp.Smc(c.fid(), a));
        return ops;
    }

    private FuzzOp.RealmParams realmParams() {
        Map<String, Long> p = new LinkedHashMap<>();
        int[] widths = {39, 39, 39, 40, 32, 48, 52, 20, 255};
        int s2sz = widths[rnd.nextInt(widths.length)];
        p.put("s2sz", (long) s2sz);
        p.put("num_bps", rnd.nextInt(6) == 0 ? 0L : 1L);
        p.put("num_wps", rnd.nextInt(6) == 0 ? 0L : 1L);
        p.put("rtt_base", rnd.nextInt(3) == 0 ? granule() : pickOr(inState(GranuleState.DELEGATED), granule()));
        p.put("rtt_level_start", rnd.nextInt(5) == 0 ? (long) rnd.nextInt(5) - 1 : 1L);
        p.put("rtt_num_start", s2sz == 40 ? 2L : rnd.nextInt(6) == 0 ? (long) rnd.nextInt(20) : 1L);
        p.put("vmid", rnd.nextInt(8) == 0 ? rnd.nextLong() & 0xFFFF : rnd.nextInt(4));
        p.put("hash_algo", (long) rnd.nextInt(3));
        if (rnd.nextInt(8) == 0) {
            p.put("flags", (long) rnd.nextInt(8));
            p.put("sve_vl", (long) rnd.nextInt(16));
            p.put("pmu_num_ctrs", (long) rnd.nextInt(32));
        }
        return new FuzzOp.RealmParams(PARAMS, p);
    }

    private FuzzOp.RecParams recParams() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("flags", (long) rnd.nextInt(3));
        p.put("mpidr", rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(3));
        p.put("pc", rnd.nextInt(4) == 0 ? ipa() : IMAGE_IPA);
        int n = rnd.nextInt(5) == 0 ? rnd.nextInt(18) : org.micasim.rmm.realm.Rd.REC_AUX_COUNT;
        p.put("num_aux", (long) n);
        for (int i = 0; i < Math.min(n, org.micasim.rmm.realm.Rd.REC_AUX_COUNT); i++) {
            p.put("aux" + i, granule());
        }
        return new FuzzOp.RecParams(REC_PARAMS, p);
    }

    private FuzzOp memoryOp() {
        if (rnd.nextInt(2) == 0) {
            List<Long> realmOwned = new ArrayList<>();
            for (Granule g : rmm.granules().known()) {
                if (g.state() != GranuleState.UNDELEGATED) {
                    realmOwned.add(g.pa());
                }
            }
            if (!realmOwned.isEmpty()) {
                return new FuzzOp.Probe(pick(realmOwned) + 8L * rnd.nextInt(512));
            }
        }
        byte[] b = new byte[1 + rnd.nextInt(16)];
        rnd.nextBytes(b);
        long[] targets = {SRC, PARAMS, REC_PARAMS, NS_PAGE};
        return new FuzzOp.Write(targets[rnd.nextInt(targets.length)] + rnd.nextInt(64), b);
    }

    // ---------------------------------------------------------------- argument sources

    /**
     * A granule address: from the pool, a live object of any kind, an off-by-one, NS scratch, or absurd;
     * never the REC run page.
     */
    long granule() {
        int k = rnd.nextInt(100);
        if (k < 35) {
            return POOL + 0x1000L * rnd.nextInt(POOL_GRANULES);
        }
        if (k < 65) {
            List<Long> known = new ArrayList<>();
            for (Granule g : rmm.granules().known()) {
                if (g.pa() != RUN) {
                    known.add(g.pa());
                }
            }
            return pickOr(known, POOL);
        }
        if (k < 80) {
            long base = POOL + 0x1000L * rnd.nextInt(POOL_GRANULES);
            long[] deltas = {1, -1, 0x1000, -0x1000, 0x800, 8};
            return base + deltas[rnd.nextInt(deltas.length)];
        }
        if (k < 90) {
            // Not RUN: once delegated it could end up DATA of a realm the teardown cannot destroy, and no
            // REC could be entered for the rest of the sequence (REC_ENTER's run_pas is a unit test's job).
            long[] ns = {PARAMS, REC_PARAMS, SRC, NS_PAGE};
            return ns[rnd.nextInt(ns.length)];
        }
        return rnd.nextInt(3) == 0 ? rnd.nextLong() : WEIRD[rnd.nextInt(WEIRD.length)];
    }

    long rd() {
        List<Rd> realms = rmm.realms();
        return !realms.isEmpty() && rnd.nextInt(10) < 7 ? pick(realms).pa() : granule();
    }

    long rec() {
        List<Rec> recs = rmm.recs();
        return !recs.isEmpty() && rnd.nextInt(10) < 7 ? pick(recs).pa() : granule();
    }

    /** An IPA of a 39-bit realm: its image and RAM, level-aligned, unprotected, the top, beyond, skewed. */
    long ipa() {
        long v = switch (rnd.nextInt(9)) {
            case 0, 1 -> IMAGE_IPA;
            case 2 -> 0x1000L * rnd.nextInt(16);
            case 3 -> 0x20_0000L * rnd.nextInt(3);
            case 4 -> 0x4000_0000L * rnd.nextInt(3);
            case 5 -> (1L << 38) + 0x1000L * rnd.nextInt(4);
            case 6 -> (1L << 39) - 0x1000L;
            case 7 -> (1L << 39) + 0x1000L * rnd.nextInt(2);
            default -> rnd.nextLong();
        };
        return rnd.nextInt(12) == 0 ? v + (rnd.nextInt(2) == 0 ? 1 : -0x1000L) : v;
    }

    long level() {
        int k = rnd.nextInt(20);
        return k < 8 ? 3 : k < 15 ? 2 : k < 17 ? 1 : k == 17 ? 0 : k == 18 ? 4 : rnd.nextLong();
    }

    /** A host descriptor for an unprotected mapping: usually the NS page with valid attributes. */
    long nsDescriptor() {
        long pa = rnd.nextInt(4) == 0 ? granule() & S2tte.OA_MASK : NS_PAGE;
        long attrs = rnd.nextInt(5) == 0 ? rnd.nextLong() & 0xFFF : S2tte.MEMATTR_NORMAL_WB | S2tte.S2AP_RW;
        return pa | attrs;
    }

    // ---------------------------------------------------------------- helpers

    private void smc(RmiCommand c, long... args) {
        if (c == RmiCommand.RMI_REC_ENTER) {
            pending.add(enterFlags());
        }
        pending.add(new FuzzOp.Smc(c.fid(), args));
    }

    /**
     * The run page's enter.flags: any mix of EMUL_MMIO, INJECT_SEA, TRAP_WFI and TRAP_WFE. (An untrapped
     * WFI of a parked guest used to keep REC_ENTER from returning; the fuzzer found it and the RMM now
     * ends it at the host timer: docs/security.md, findings.)
     */
    private FuzzOp enterFlags() {
        long flags = rnd.nextInt(16);
        return new FuzzOp.Write(RUN, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(flags).array());
    }

    /** Mostly the run page; sometimes a misaligned one or a granule the host does not own (REC_ENTER fails). */
    private long runPointer() {
        if (rnd.nextInt(6) != 0) {
            return RUN;
        }
        List<Long> realmOwned = inState(GranuleState.DELEGATED);
        realmOwned.addAll(inState(GranuleState.RTT));
        return rnd.nextInt(2) == 0 || realmOwned.isEmpty() ? RUN + 8 : pick(realmOwned);
    }

    private List<Long> inState(GranuleState st) {
        List<Long> l = new ArrayList<>();
        if (st == GranuleState.UNDELEGATED) {
            for (int i = 0; i < POOL_GRANULES; i++) {
                long pa = POOL + 0x1000L * i;
                if (rmm.granules().stateOf(pa) == GranuleState.UNDELEGATED) {
                    l.add(pa);
                }
            }
            return l;
        }
        for (Granule g : rmm.granules().known()) {
            if (g.state() == st) {
                l.add(g.pa());
            }
        }
        return l;
    }

    private <T> T pick(List<T> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    private long pickOr(List<Long> l, long otherwise) {
        return l.isEmpty() ? otherwise : pick(l);
    }

    /** How far the realm's RTTs reach for {@code ipa}, read by peeking at the tables. */
    private record Walk(int level, long entry, S2tteState state) {
    }

    private Walk walk(Rd rd, long ipa) {
        int level = rd.s2().startLevel();
        long rtt = rd.s2().rootRttFor(ipa);
        while (true) {
            long e = machine.peek64(rtt + 8L * RttGeometry.index(ipa, level));
            S2tteState st = S2tte.state(e, level);
            if (level == 3 || st != S2tteState.TABLE) {
                return new Walk(level, e, st);
            }
            rtt = S2tte.oa(e);
            level++;
        }
    }
}
