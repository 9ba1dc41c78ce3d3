package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * RMI_RTT_MAP_UNPROTECTED and RMI_RTT_UNMAP_UNPROTECTED: Non-secure memory in the unprotected half of a
 * realm's IPA space. Locks as TF-RMM's {@code map_unmap_ns}: the RD, the first root RTT, then the RD is
 * released and the walk goes on hand over hand; the extension hooks run with the last-level RTT locked.
 */
public final class RttMapCommands {
    private final RmmState s;

    public RttMapCommands(RmmState s) {
        this.s = s;
    }

    /** level_bound for map/unmap: 1..3 (blocks below level 1 do not exist). */
    private static int mapLevel(long level) throws RmiError {
        if (level < RttGeometry.MIN_BLOCK_LEVEL || level > 3) {
            throw RmiError.input();
        }
        return (int) level;
    }

    /** ipa_align (to level), ipa_bound (inside the IPA space and unprotected). */
    private static void unprotectedIpa(Rd rd, long ipa, int level) throws RmiError {
        RttChecks.ipa(rd, ipa, level);
        if (rd.s2().isProtected(ipa)) {
            throw RmiError.input(); // ipa_bound
        }
    }

    /**
     * RMI_RTT_MAP_UNPROTECTED(rd, ipa, level, desc). Failure conditions, in order: attr_valid (only OA,
     * MemAttr[2:0] other than 0b100 and S2AP may be set), rd_align, rd_bound, rd_state, level_bound
     * (1..3), addr_align (OA aligned to level), addr_bound, ipa_align, ipa_bound (unprotected) →
     * RMI_ERROR_INPUT; rtt_walk (walk stops above level), rtte_state (not UNASSIGNED_NS) →
     * RMI_ERROR_RTT(walk level). Success: entry ASSIGNED_NS = desc | AF | NS | XN | SH inner | type. No
     * refcount change.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.19, §A5.5.11 (host-controlled attributes)
     */
    public RmiResult map(long[] x) throws RmiError {
        long ipa = x[2];
        long level = x[3];
        long desc = x[4];
        if (!S2tte.isValidForUnprotected(desc, (int) Math.max(0, Math.min(3, level)))) {
            throw RmiError.input(); // attr_valid
        }
        Granule rdGranule = RttChecks.lockRd(s, x[1]);
        Rd rd;
        int l;
        try {
            rd = s.realmOf(rdGranule);
            l = mapLevel(level);
            if (!RttGeometry.isAligned(S2tte.oa(desc), l)) {
                throw RmiError.input(); // addr_align
            }
            // addr_bound: OA bits above 47 are rejected by attr_valid (no LPA2).
            unprotectedIpa(rd, ipa, l);
            s.rtts().lockTable(rd.s2().rttBase());
        } finally {
            rdGranule.unlock();
        }
        RttWalkResult w = s.rtts().walkLockUnlock(rd.s2(), ipa, l);
        try {
            if (w.level() < l) {
                throw RmiError.rtt(w.level()); // rtt_walk
            }
            if (w.state() != S2tteState.UNASSIGNED_NS) {
                throw RmiError.rtt(w.level()); // rtte_state
            }
            for (RealmLifecycleListener listener : s.lifecycleListeners()) {
                if (!listener.mayMapUnprotected(rd, ipa, l)) {
                    throw RmiError.realm(0); // an extension's rule (Mica: unprotected memory sealed at policy upload)
                }
            }
            s.rtts().write(w.rttPa(), w.index(), S2tte.createAssignedNs(desc, l));
            for (RealmLifecycleListener listener : s.lifecycleListeners()) {
                listener.unprotectedMapped(rd, ipa, l, S2tte.oa(desc));
            }
        } finally {
            s.rtts().unlock(w);
        }
        return RmiResult.success();
    }

    /**
     * RMI_RTT_UNMAP_UNPROTECTED(rd, ipa, level) → X1 top. Failure conditions: rd_align, rd_bound, rd_state,
     * level_bound, ipa_align, ipa_bound → RMI_ERROR_INPUT (top 0); rtt_walk, rtte_state (not
     * ASSIGNED_NS) → RMI_ERROR_RTT(walk level), top = RttSkipNonLiveEntries. Success: entry
     * UNASSIGNED_NS, TLBI, top = RttSkipNonLiveEntries.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.22
     */
    public RmiResult unmap(long[] x) throws RmiError {
        long ipa = x[2];
        Granule rdGranule = RttChecks.lockRd(s, x[1]);
        Rd rd;
        int l;
        try {
            rd = s.realmOf(rdGranule);
            l = mapLevel(x[3]);
            unprotectedIpa(rd, ipa, l);
            s.rtts().lockTable(rd.s2().rttBase());
        } finally {
            rdGranule.unlock();
        }
        RttWalkResult w = s.rtts().walkLockUnlock(rd.s2(), ipa, l);
        try {
            if (w.level() < l || w.state() != S2tteState.ASSIGNED_NS) {
                throw RmiError.rtt(w.level(), s.rtts().skipNonLiveEntries(w, ipa)); // rtt_walk, rtte_state
            }
            s.rtts().write(w.rttPa(), w.index(), S2tte.createUnassignedNs());
            s.services().tlbiVmid(rd.s2().vmid());
            return RmiResult.success(s.rtts().skipNonLiveEntries(w, ipa));
        } finally {
            s.rtts().unlock(w);
        }
    }
}
