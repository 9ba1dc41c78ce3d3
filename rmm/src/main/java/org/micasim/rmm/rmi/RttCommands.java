package org.micasim.rmm.rmi;

import java.util.OptionalLong;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.abi.RmiRttEntryState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * RMI_RTT_CREATE, RMI_RTT_DESTROY, RMI_RTT_FOLD, RMI_RTT_READ_ENTRY: the structure of a realm's RTT tree.
 * Locks as TF-RMM's {@code runtime/rmi/rtt.c}: the RD (CREATE: with the new RTT, in address order), then
 * the first root RTT, then the RD is released and the walk goes on hand over hand to the parent table;
 * DESTROY and FOLD lock the child RTT after it.
 */
public final class RttCommands {
    private final RmmState s;

    public RttCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_RTT_CREATE(rd, rtt, ipa, level). Failure conditions, in order: rd_align, rd_bound, rd_state,
     * level_bound, ipa_align (to level − 1), ipa_bound, rtt_align, rtt_bound, rtt_state, rtt_bound2 →
     * RMI_ERROR_INPUT; rtt_walk (walk to level − 1 stops early), rtte_state (parent already TABLE) →
     * RMI_ERROR_RTT(walk level). Success ("unfolding"): the new RTT's 512 entries take the parent's state
     * and RIPAS (an ASSIGNED or ASSIGNED_NS block becomes 512 contiguous mappings), the parent entry
     * becomes TABLE; refcounts as TF-RMM keeps them.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.15, §A5.5.7 (RTT unfolding)
     */
    public RmiResult create(long[] x) throws RmiError {
        long rdPa = x[1];
        long rttPa = x[2];
        long ipa = x[3];
        // The conditions up to rtt_bound2, all RMI_ERROR_INPUT, are read in the listed order without locks;
        // then both granules are locked in address order (TF-RMM find_lock_two_granules) and checked again.
        Rd seen = s.rdAt(rdPa);
        if (seen == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state
        }
        RttChecks.ipa(seen, ipa, RttChecks.structureLevel(seen, x[4]) - 1);
        if (s.granules().findInState(rttPa, GranuleState.DELEGATED) == null) {
            throw RmiError.input(); // rtt_align, rtt_bound, rtt_state
        }
        if (!s.granules().findLockTwo(rttPa, GranuleState.DELEGATED, rdPa, GranuleState.RD)) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state, rtt_align, rtt_bound, rtt_state
        }
        Granule rtt = s.granules().find(rttPa);
        Granule rdGranule = s.granules().find(rdPa);
        Rd rd;
        int level;
        try {
            rd = s.realmOf(rdGranule);
            level = RttChecks.structureLevel(rd, x[4]);
            RttChecks.ipa(rd, ipa, level - 1);
            if (Long.compareUnsigned(rttPa, DataCommands.PA_LIMIT) >= 0) {
                throw RmiError.input(); // rtt_bound2
            }
            s.rtts().lockTable(rd.s2().rttBase());
        } catch (RmiError | RuntimeException e) {
            rtt.unlock();
            throw e;
        } finally {
            rdGranule.unlock(); // TF-RMM: the RD is released once the root RTT is locked
        }
        try {
            RttWalkResult w = s.rtts().walkLockUnlock(rd.s2(), ipa, level - 1);
            try {
                if (w.level() < level - 1) {
                    throw RmiError.rtt(w.level()); // rtt_walk
                }
                if (w.state() == S2tteState.TABLE) {
                    throw RmiError.rtt(w.level()); // rtte_state
                }
                unfold(rd, w, rtt, level, ipa);
            } finally {
                s.rtts().unlock(w);
            }
        } finally {
            rtt.unlock();
        }
        return RmiResult.success();
    }

    private void unfold(Rd rd, RttWalkResult w, Granule rtt, int level, long ipa) {
        long parent = w.entry();
        S2tteState st = w.state();
        long childSize = RttGeometry.size(level);
        long[] children = new long[RttGeometry.ENTRIES];
        for (int i = 0; i < children.length; i++) {
            long oa = S2tte.oa(parent) + i * childSize;
            children[i] = switch (st) {
                case UNASSIGNED -> S2tte.createUnassigned(S2tte.ripas(parent));
                case UNASSIGNED_NS -> S2tte.createUnassignedNs();
                case ASSIGNED -> S2tte.createAssigned(S2tte.ripas(parent), oa, level);
                case ASSIGNED_NS -> S2tte.createAssignedNs(S2tte.hostFields(parent) & ~S2tte.OA_MASK | oa, level);
                case TABLE -> throw new IllegalStateException("unfolding a TABLE entry");
            };
        }
        rtt.transition(GranuleState.RTT);
        s.rtts().writeAll(rtt.pa(), children);
        Granule parentRtt = s.granules().find(w.rttPa());
        if (st == S2tteState.ASSIGNED) {
            rtt.refcountAdd(RttGeometry.ENTRIES);
        } else {
            parentRtt.refcountInc();
        }
        if (S2tte.isValid(parent)) {
            // break-before-make: the block mapping may be cached
            s.rtts().write(w.rttPa(), w.index(), 0L);
            s.services().tlbiVmid(rd.s2().vmid());
        }
        s.rtts().write(w.rttPa(), w.index(), S2tte.createTable(rtt.pa()));
    }

    /**
     * RMI_RTT_DESTROY(rd, ipa, level) → X1 rtt, X2 top. Failure conditions: rd_align, rd_bound, rd_state,
     * level_bound, ipa_align (to level − 1), ipa_bound → RMI_ERROR_INPUT (top 0); rtt_walk, rtte_state
     * (parent not TABLE) → RMI_ERROR_RTT(walk level), top = RttSkipNonLiveEntries; rtt_live →
     * RMI_ERROR_RTT(level), top = ipa. Success: the RTT is scrubbed and DELEGATED, the parent entry
     * becomes UNASSIGNED/DESTROYED (protected IPA) or UNASSIGNED_NS, parent refcount − 1, TLBI.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.16
     */
    public RmiResult destroy(long[] x) throws RmiError {
        long ipa = x[2];
        ParentWalk p = walkToParent(x[1], ipa, x[3]);
        Rd rd = p.rd();
        int level = p.level();
        RttWalkResult w = p.walk();
        try {
            if (w.level() < level - 1 || w.state() != S2tteState.TABLE) {
                throw RmiError.rtt(w.level(), 0, s.rtts().skipNonLiveEntries(w, ipa)); // rtt_walk, rtte_state
            }
            long childPa = S2tte.oa(w.entry());
            s.rtts().lockTable(childPa); // the child RTT after its parent
            Granule child = s.granules().find(childPa);
            try {
                if (child.refcount() != 0) {
                    throw RmiError.rtt(level, 0, ipa); // rtt_live
                }
                long replacement = rd.s2().isProtected(ipa) ? S2tte.createUnassigned(RmiRipas.DESTROYED)
                    : S2tte.createUnassignedNs();
                s.rtts().write(w.rttPa(), w.index(), replacement);
                s.services().tlbiVmid(rd.s2().vmid());
                s.granules().find(w.rttPa()).refcountDec();
                s.scrub(child);
                child.transition(GranuleState.DELEGATED);
            } finally {
                child.unlock();
            }
            return RmiResult.success(childPa, s.rtts().skipNonLiveEntries(w, ipa));
        } finally {
            s.rtts().unlock(w);
        }
    }

    /**
     * RMI_RTT_FOLD(rd, ipa, level) → X1 rtt. Failure conditions: rd_align, rd_bound, rd_state,
     * level_bound, ipa_align (to level − 1), ipa_bound → RMI_ERROR_INPUT; rtt_walk, rtte_state (parent
     * not TABLE) → RMI_ERROR_RTT(walk level); rtt_homo (child not homogeneous) → RMI_ERROR_RTT(level).
     * Success: the parent entry becomes the folded entry, the RTT is scrubbed and DELEGATED, TLBI.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.17, §A5.5.6 (homogeneous RTT)
     */
    public RmiResult fold(long[] x) throws RmiError {
        long ipa = x[2];
        ParentWalk p = walkToParent(x[1], ipa, x[3]);
        Rd rd = p.rd();
        int level = p.level();
        RttWalkResult w = p.walk();
        try {
            if (w.level() < level - 1 || w.state() != S2tteState.TABLE) {
                throw RmiError.rtt(w.level()); // rtt_walk, rtte_state
            }
            long childPa = S2tte.oa(w.entry());
            s.rtts().lockTable(childPa); // the child RTT after its parent
            Granule child = s.granules().find(childPa);
            try {
                long[] entries = s.rtts().readAll(childPa);
                OptionalLong homogeneous = RttFold.foldedEntry(entries, level);
                if (homogeneous.isEmpty()) {
                    throw RmiError.rtt(level); // rtt_homo
                }
                long folded = homogeneous.getAsLong();
                Granule parentRtt = s.granules().find(w.rttPa());
                if (S2tte.state(folded, level - 1) == S2tteState.ASSIGNED) {
                    child.refcountAdd(-child.refcount());
                } else {
                    parentRtt.refcountDec();
                }
                s.rtts().write(w.rttPa(), w.index(), folded);
                s.services().tlbiVmid(rd.s2().vmid());
                s.scrub(child);
                child.transition(GranuleState.DELEGATED);
            } finally {
                child.unlock();
            }
            return RmiResult.success(childPa);
        } finally {
            s.rtts().unlock(w);
        }
    }

    /**
     * RMI_RTT_READ_ENTRY(rd, ipa, level) → X1 walk level, X2 state, X3 desc, X4 ripas. Failure
     * conditions: rd_align, rd_bound, rd_state, level_bound (not start..3), ipa_align (to level),
     * ipa_bound → RMI_ERROR_INPUT. desc: 0 for UNASSIGNED*, the PA for ASSIGNED and TABLE, PA + MemAttr +
     * S2AP for ASSIGNED_NS; ripas: the entry's RIPAS for protected UNASSIGNED/ASSIGNED, else EMPTY.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.20 (v1.x fix: ASSIGNED+DESTROYED reports its PA, rmm.md §11 #4)
     */
    public RmiResult readEntry(long[] x) throws RmiError {
        long ipa = x[2];
        long level = x[3];
        Granule rdGranule = RttChecks.lockRd(s, x[1]);
        Rd rd;
        try {
            rd = s.realmOf(rdGranule);
            if (level < rd.s2().startLevel() || level > 3) {
                throw RmiError.input(); // level_bound
            }
            RttChecks.ipa(rd, ipa, (int) level);
            s.rtts().lockTable(rd.s2().rttBase());
        } finally {
            rdGranule.unlock();
        }
        RttWalkResult w = s.rtts().walkLockUnlock(rd.s2(), ipa, (int) level);
        s.rtts().unlock(w);
        long e = w.entry();
        return switch (w.state()) {
            case UNASSIGNED -> RmiResult.success(w.level(), RmiRttEntryState.RMI_UNASSIGNED.code(), 0,
                S2tte.ripas(e).code());
            case UNASSIGNED_NS -> RmiResult.success(w.level(), RmiRttEntryState.RMI_UNASSIGNED.code(), 0,
                RmiRipas.EMPTY.code());
            case ASSIGNED -> RmiResult.success(w.level(), RmiRttEntryState.RMI_ASSIGNED.code(), S2tte.oa(e),
                S2tte.ripas(e).code());
            case ASSIGNED_NS -> RmiResult.success(w.level(), RmiRttEntryState.RMI_ASSIGNED.code(),
                S2tte.hostFields(e), RmiRipas.EMPTY.code());
            case TABLE -> RmiResult.success(w.level(), RmiRttEntryState.RMI_TABLE.code(), S2tte.oa(e),
                RmiRipas.EMPTY.code());
        };
    }

    /** The realm, the checked level and the locked walk to the parent entry at level − 1. */
    private record ParentWalk(Rd rd, int level, RttWalkResult walk) {
    }

    /**
     * RTT_DESTROY's and RTT_FOLD's common start: rd_align, rd_bound, rd_state, level_bound, ipa_align (to
     * level − 1) and ipa_bound under the RD's lock; the root RTT is locked before the RD is released, as
     * TF-RMM does, and the walk goes on hand over hand to level − 1. The caller unlocks the walk.
     */
    private ParentWalk walkToParent(long rdPa, long ipa, long levelArgument) throws RmiError {
        Granule rdGranule = RttChecks.lockRd(s, rdPa);
        Rd rd;
        int level;
        try {
            rd = s.realmOf(rdGranule);
            level = RttChecks.structureLevel(rd, levelArgument);
            RttChecks.ipa(rd, ipa, level - 1);
            s.rtts().lockTable(rd.s2().rttBase());
        } finally {
            rdGranule.unlock();
        }
        return new ParentWalk(rd, level, s.rtts().walkLockUnlock(rd.s2(), ipa, level - 1));
    }
}
