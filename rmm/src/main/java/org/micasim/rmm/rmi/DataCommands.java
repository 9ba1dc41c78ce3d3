package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * RMI_DATA_CREATE, RMI_DATA_CREATE_UNKNOWN, RMI_DATA_DESTROY: DATA granules at level-3 protected IPAs.
 * Locks as TF-RMM's {@code data_create} and {@code smc_data_destroy}: CREATE locks the DATA and RD granules
 * in address order and keeps both while it walks from the root; DESTROY locks the RD, the first root RTT,
 * releases the RD, walks hand over hand, then locks the DATA granule after its RTT.
 */
public final class DataCommands {
    /** RmiDataFlags bit 0: measure the contents. */
    public static final long FLAG_MEASURE = 1;
    /** Without LPA2 a DATA or RTT granule must lie below 2^48. */
    static final long PA_LIMIT = 1L << 48;

    private final RmmState s;
    /**
     * The staging buffer DATA_CREATE copies the source granule through, one per thread (a PE runs one
     * call at a time); the RMM keeps no copy after the call.
     */
    private final ThreadLocal<byte[]> staging = ThreadLocal.withInitial(() -> new byte[(int) Granule.SIZE]);

    public DataCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_DATA_CREATE(rd, data, ipa, src, flags). Failure conditions, in order: flags_valid (bits 63:1
     * non-zero; TF-RMM, see docs/abi.md), src_align, src_bound, src_pas, data_align, data_bound,
     * data_state, data_bound2, rd_align, rd_bound, rd_state, ipa_align, ipa_bound → RMI_ERROR_INPUT;
     * realm_state (not NEW) → RMI_ERROR_REALM; rtt_walk (walk stops above level 3), rtte_state (not
     * UNASSIGNED) → RMI_ERROR_RTT(walk level); a fault copying src → RMI_ERROR_INPUT. Success: the DATA
     * granule holds src's contents, the entry is ASSIGNED with RIPAS RAM, the RIM is extended by the
     * DATA descriptor, the parent RTT's refcount grows by one.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.1; measurement §A7.1.2
     */
    public RmiResult create(long[] x) throws RmiError {
        long dataPa = x[2];
        long ipa = x[3];
        long src = x[4];
        long flags = x[5];
        if ((flags & ~FLAG_MEASURE) != 0) {
            throw RmiError.input(); // flags_valid
        }
        if (!HostMemory.isNsGranule(s, src)) {
            throw RmiError.input(); // src_align, src_bound, src_pas
        }
        lockDataAndRd(dataPa, x[1]);
        Granule data = s.granules().find(dataPa);
        Granule rdGranule = s.granules().find(x[1]);
        try {
            Rd rd = s.realmOf(rdGranule);
            checkIpa(rd, dataPa, ipa);
            if (rd.state() != RealmState.REALM_NEW) {
                throw RmiError.realm(0); // realm_state
            }
            RttWalkResult w = walkToUnassignedPage(rd, ipa);
            try {
                byte[] content = staging.get();
                HostMemory.readInto(s, src, content);
                data.transition(GranuleState.DATA);
                s.writeRealm(dataPa, content);
                s.rtts().write(w.rttPa(), w.index(), S2tte.createAssigned(RmiRipas.RAM, dataPa, 3));
                s.granules().find(w.rttPa()).refcountInc();
                byte[] measured = (flags & FLAG_MEASURE) != 0 ? content : null;
                rd.setMeasurement(0, s.measurement().extendData(rd.hashAlgo(), rd.rim(), ipa, flags, measured));
            } finally {
                s.rtts().unlock(w);
            }
        } finally {
            rdGranule.unlock();
            data.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_DATA_CREATE_UNKNOWN(rd, data, ipa). Failure conditions: data_align, data_bound, data_state,
     * data_bound2, rd_align, rd_bound, rd_state, ipa_align, ipa_bound → RMI_ERROR_INPUT; rtt_walk,
     * rtte_state → RMI_ERROR_RTT(walk level). Any realm state. Success: entry ASSIGNED keeping its RIPAS
     * (a valid mapping only for RAM), contents zero, no RIM change, parent refcount + 1.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.2
     */
    public RmiResult createUnknown(long[] x) throws RmiError {
        long dataPa = x[2];
        long ipa = x[3];
        lockDataAndRd(dataPa, x[1]);
        Granule data = s.granules().find(dataPa);
        Granule rdGranule = s.granules().find(x[1]);
        try {
            Rd rd = s.realmOf(rdGranule);
            checkIpa(rd, dataPa, ipa);
            RttWalkResult w = walkToUnassignedPage(rd, ipa);
            try {
                data.transition(GranuleState.DATA);
                RmiRipas ripas = S2tte.ripas(w.entry());
                s.rtts().write(w.rttPa(), w.index(), S2tte.createAssigned(ripas, dataPa, 3));
                s.granules().find(w.rttPa()).refcountInc();
            } finally {
                s.rtts().unlock(w);
            }
        } finally {
            rdGranule.unlock();
            data.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_DATA_DESTROY(rd, ipa) → X1 data, X2 top. Failure conditions: rd_align, rd_bound, rd_state,
     * ipa_align, ipa_bound → RMI_ERROR_INPUT (top 0); rtt_walk (walk stops above level 3), rtte_state
     * (not ASSIGNED) → RMI_ERROR_RTT(walk level) with top = RttSkipNonLiveEntries. Any realm state.
     * Success: DATA scrubbed and DELEGATED, entry UNASSIGNED with RIPAS RAM → DESTROYED (EMPTY and
     * DESTROYED kept), parent refcount − 1, TLB invalidated for a valid mapping.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.3
     */
    public RmiResult destroy(long[] x) throws RmiError {
        long ipa = x[2];
        Granule rdGranule = RttChecks.lockRd(s, x[1]);
        Rd rd;
        try {
            rd = s.realmOf(rdGranule);
            checkIpa(rd, ipa);
            s.rtts().lockTable(rd.s2().rttBase());
        } finally {
            rdGranule.unlock(); // TF-RMM: the RD is released once the root RTT is locked
        }
        RttWalkResult w = s.rtts().walkLockUnlock(rd.s2(), ipa, 3);
        long dataPa;
        boolean release = true;
        long top;
        try {
            if (w.level() < 3) {
                throw RmiError.rtt(w.level(), 0, s.rtts().skipNonLiveEntries(w, ipa)); // rtt_walk
            }
            if (w.state() != S2tteState.ASSIGNED) {
                throw RmiError.rtt(w.level(), 0, s.rtts().skipNonLiveEntries(w, ipa)); // rtte_state
            }
            dataPa = S2tte.oa(w.entry());
            RmiRipas ripas = S2tte.ripas(w.entry());
            RmiRipas after = ripas == RmiRipas.RAM ? RmiRipas.DESTROYED : ripas;
            s.rtts().write(w.rttPa(), w.index(), S2tte.createUnassigned(after));
            if (S2tte.isValid(w.entry())) {
                s.services().tlbiIpa(rd.s2().vmid(), ipa);
            }
            s.granules().find(w.rttPa()).refcountDec();
            for (RealmLifecycleListener l : s.lifecycleListeners()) {
                release &= l.releasesDestroyedData(rd, ipa, dataPa);
            }
            if (release) {
                // The DATA granule after its RTT (TF-RMM granule_lock(g_data, GRANULE_STATE_DATA)).
                Granule data = s.granules().find(dataPa);
                data.lock();
                try {
                    s.scrub(data);
                    data.transition(GranuleState.DELEGATED);
                } finally {
                    data.unlock();
                }
            }
            top = s.rtts().skipNonLiveEntries(w, ipa);
        } finally {
            s.rtts().unlock(w);
        }
        return RmiResult.success(dataPa, top);
    }

    /**
     * data_align, data_bound, data_state, data_bound2, rd_align, rd_bound, rd_state, all RMI_ERROR_INPUT: the
     * data conditions read as listed, then the DATA and RD granules locked in address order (TF-RMM
     * {@code find_lock_two_granules}) and their states checked under the locks.
     */
    private void lockDataAndRd(long dataPa, long rdPa) throws RmiError {
        if (s.granules().findInState(dataPa, GranuleState.DELEGATED) == null) {
            throw RmiError.input(); // data_align, data_bound, data_state (read before the locks, as listed)
        }
        if (Long.compareUnsigned(dataPa, PA_LIMIT) >= 0) {
            throw RmiError.input(); // data_bound2
        }
        if (!s.granules().findLockTwo(dataPa, GranuleState.DELEGATED, rdPa, GranuleState.RD)) {
            throw RmiError.input(); // data_align, data_bound, data_state, rd_align, rd_bound, rd_state
        }
    }

    /** data_bound2 (below 2^48 without LPA2), then ipa_align (4 KiB), ipa_bound (protected). */
    private static void checkIpa(Rd rd, long dataPa, long ipa) throws RmiError {
        if (Long.compareUnsigned(dataPa, PA_LIMIT) >= 0) {
            throw RmiError.input(); // data_bound2
        }
        checkIpa(rd, ipa);
    }

    /** ipa_align (4 KiB), ipa_bound (protected). */
    private static void checkIpa(Rd rd, long ipa) throws RmiError {
        if (!RttGeometry.isAligned(ipa, 3)) {
            throw RmiError.input(); // ipa_align
        }
        if (!rd.s2().isProtected(ipa)) {
            throw RmiError.input(); // ipa_bound
        }
    }

    /**
     * rtt_walk: the walk must reach level 3; rtte_state: the entry must be UNASSIGNED. The caller holds the
     * RD (kept for the whole command, as TF-RMM's {@code data_create}); returns with the last-level RTT
     * locked.
     */
    private RttWalkResult walkToUnassignedPage(Rd rd, long ipa) throws RmiError {
        RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), ipa, 3);
        if (w.level() < 3) {
            s.rtts().unlock(w);
            throw RmiError.rtt(w.level()); // rtt_walk
        }
        if (w.state() != S2tteState.UNASSIGNED) {
            s.rtts().unlock(w);
            throw RmiError.rtt(w.level()); // rtte_state
        }
        return w;
    }
}
