package org.micasim.rmm.mica;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.granule.GranuleTable;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rmi.RmiError;
import org.micasim.rmm.rmi.RmiResult;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * The Mica RMI commands (mica.md §2.3): RMI_REALM_PD, RMI_REALM_DUMMY_PAGE, RMI_SGT and
 * RMI_DATA_CREATE_UNKNOWN_SHARED. Each lists its failure conditions in the order checked; the effects
 * follow only when all passed. The granules they take leave DELEGATED for DATA, so the host can neither
 * undelegate nor reuse them while the RMM holds them (docs/mica.md §4.1).
 */
public final class SharedMemoryCommands {
    /** Without LPA2 a shared page must lie below 2^48 (as a DATA granule). */
    static final long PA_LIMIT = 1L << 48;

    private final MicaState m;
    private final RmmState s;

    SharedMemoryCommands(MicaState m) {
        this.m = m;
        this.s = m.rmm();
    }

    /**
     * RMI_REALM_PD(rd, pd). Failure conditions: rd not an RD → RMI_ERROR_INPUT; pd not a DELEGATED
     * granule → RMI_ERROR_INPUT; the realm already has a PD → RMI_ERROR_REALM. Success: pd becomes the
     * realm's policy descriptor (DATA, zero). Locks: RD and pd in address order, then the Mica lock.
     */
    public RmiResult realmPd(long[] x) throws RmiError {
        if (s.granules().findInState(x[1], GranuleState.RD) == null) {
            throw RmiError.input(); // rd not an RD (read before the locks, as listed)
        }
        if (!s.granules().findLockTwo(x[1], GranuleState.RD, x[2], GranuleState.DELEGATED)) {
            throw RmiError.input(); // rd not an RD, or pd not DELEGATED
        }
        Granule rdGranule = s.granules().find(x[1]);
        Granule pd = s.granules().find(x[2]);
        try {
            Rd rd = s.realmOf(rdGranule);
            m.lock();
            try {
                MicaRealm r = m.realm(rd.pa());
                if (r.pd() != 0) {
                    throw RmiError.realm(0);
                }
                pd.transition(GranuleState.DATA);
                r.setPd(pd.pa());
            } finally {
                m.unlock();
            }
        } finally {
            pd.unlock();
            rdGranule.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_REALM_DUMMY_PAGE(rd, dummy). Failure conditions: rd not an RD → RMI_ERROR_INPUT; the realm
     * already uploaded its policy → RMI_ERROR_REALM; the realm has another dummy page → RMI_ERROR_INPUT
     * (the same one again succeeds without effect); dummy not a DELEGATED granule → RMI_ERROR_INPUT.
     * Success: the granule is zeroed and becomes the realm's dummy page (DATA). Locks: the RD, the dummy
     * granule after it (only tried if it lies below the RD; busy means start again), the Mica lock.
     */
    public RmiResult realmDummyPage(long[] x) throws RmiError {
        for (int attempt = 0; ; attempt++) {
            RmiResult r = realmDummyPageOnce(x[1], x[2]);
            if (r != null) {
                return r;
            }
            Thread.yield();
        }
    }

    private RmiResult realmDummyPageOnce(long rdPa, long dummyPa) throws RmiError {
        Granule rdGranule = lockRd(rdPa);
        try {
            Rd rd = s.realmOf(rdGranule);
            MicaRealm r;
            m.lock();
            try {
                r = m.realm(rd.pa());
                if (r.uploaded()) {
                    throw RmiError.realm(0);
                }
                if (r.dummy() != 0) {
                    if (r.dummy() == dummyPa) {
                        return RmiResult.success();
                    }
                    throw RmiError.input();
                }
            } finally {
                m.unlock();
            }
            Granule dummy = s.granules().find(dummyPa);
            if (dummy == null || dummy == rdGranule) {
                throw RmiError.input(); // not a DELEGATED granule
            }
            if (!GranuleTable.lockAfter(dummy, rdPa)) {
                return null;
            }
            try {
                if (dummy.state() != GranuleState.DELEGATED) {
                    throw RmiError.input();
                }
                s.scrub(dummy);
                dummy.transition(GranuleState.DATA);
                m.lock();
                try {
                    r.setDummy(dummy.pa());
                } finally {
                    m.unlock();
                }
            } finally {
                dummy.unlock();
            }
            return RmiResult.success();
        } finally {
            rdGranule.unlock();
        }
    }

    /**
     * RMI_SGT(granule). Failure conditions: already {@value MicaState#MAX_SGT_GRANULES} backing granules →
     * RMI_ERROR_INPUT; granule not DELEGATED → RMI_ERROR_INPUT. Success: the granule (DATA) extends the
     * SGT's backing store and the table is rewritten into it. Locks: the granule, then the Mica lock.
     */
    public RmiResult sgt(long[] x) throws RmiError {
        if (m.sgtGranules().size() >= MicaState.MAX_SGT_GRANULES) {
            throw RmiError.input(); // read before the locks, as listed; checked again under them
        }
        Granule g = s.granules().findLock(x[1], GranuleState.DELEGATED);
        if (g == null) {
            throw RmiError.input();
        }
        try {
            m.lock();
            try {
                if (m.sgtGranules().size() >= MicaState.MAX_SGT_GRANULES) {
                    throw RmiError.input();
                }
                g.transition(GranuleState.DATA);
                m.addSgtGranule(g.pa());
            } finally {
                m.unlock();
            }
        } finally {
            g.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_DATA_CREATE_UNKNOWN_SHARED(rd, data, ipa). Failure conditions, in order: rd not an RD, ipa not
     * 4 KiB aligned or not protected → RMI_ERROR_INPUT; no dummy page → RMI_ERROR_INPUT; policy already
     * uploaded → RMI_ERROR_REALM; data neither DELEGATED (first sharer) nor a page already in the SGT
     * (later sharers), or above 2^48 → RMI_ERROR_INPUT; the walk stops above level 3, or the entry is not
     * UNASSIGNED with RIPAS RAM → RMI_ERROR_RTT(walk level); no SGT backing granule, or the SGT is full
     * → RMI_ERROR_INPUT. Success: a first sharer's page becomes DATA; (data, ipa, rd) is appended to the
     * SGT; the entry maps the realm's dummy page read-only; the parent RTT's refcount grows by one.
     *
     * <p>Locks, as RMI_DATA_CREATE_UNKNOWN: the RD, then a first sharer's DELEGATED page after it (only
     * tried if it lies below the RD; busy means start again), the RTTs from the root with the RD kept, and
     * the Mica lock last. A later sharer's page is DATA, an internal state, so it is not held: the SGT
     * says it is shared, and the Mica lock is taken again before the tuple is added to see that it still
     * is.
     */
    public RmiResult dataCreateUnknownShared(long[] x) throws RmiError {
        for (int attempt = 0; ; attempt++) {
            RmiResult r = dataCreateUnknownSharedOnce(x[1], x[2], x[3]);
            if (r != null) {
                return r;
            }
            Thread.yield();
        }
    }

    private RmiResult dataCreateUnknownSharedOnce(long rdPa, long dataPa, long ipa) throws RmiError {
        Granule rdGranule = lockRd(rdPa);
        try {
            Rd rd = s.realmOf(rdGranule);
            if (!RttGeometry.isAligned(ipa, 3) || !rd.s2().isProtected(ipa)) {
                throw RmiError.input();
            }
            long dummy;
            m.lock();
            try {
                MicaRealm r = m.realm(rd.pa());
                if (r.dummy() == 0) {
                    throw RmiError.input();
                }
                if (r.uploaded()) {
                    throw RmiError.realm(0);
                }
                dummy = r.dummy();
            } finally {
                m.unlock();
            }
            Granule data = s.granules().find(dataPa);
            boolean first = false;
            if (data != null && data != rdGranule) {
                if (!GranuleTable.lockAfter(data, rdPa)) {
                    return null;
                }
                first = data.state() == GranuleState.DELEGATED;
                if (!first) {
                    data.unlock();
                }
            }
            try {
                boolean later = !first && data != null && shared(dataPa);
                if (!(first || later) || Long.compareUnsigned(dataPa, PA_LIMIT) >= 0) {
                    throw RmiError.input();
                }
                RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), ipa, 3);
                try {
                    if (w.level() < 3 || w.state() != S2tteState.UNASSIGNED || S2tte.ripas(w.entry()) != RmiRipas.RAM) {
                        throw RmiError.rtt(w.level());
                    }
                    m.lock();
                    try {
                        if (later && !m.sgt().isShared(dataPa)) {
                            throw RmiError.input(); // its other sharers let it go meanwhile
                        }
                        if (!m.sgt().add(new SgtEntry(dataPa, ipa, rd.pa()), m.sgtCapacity())) {
                            throw RmiError.input();
                        }
                        if (first) {
                            data.transition(GranuleState.DATA);
                        }
                        m.persistSgt();
                        s.rtts().write(w.rttPa(), w.index(), SharedMappings.entry(dummy, Prot.R));
                        s.granules().find(w.rttPa()).refcountInc();
                    } finally {
                        m.unlock();
                    }
                } finally {
                    s.rtts().unlock(w);
                }
            } finally {
                if (first) {
                    data.unlock();
                }
            }
            return RmiResult.success();
        } finally {
            rdGranule.unlock();
        }
    }

    /** Whether {@code pa} is a shared page in the SGT (then it is DATA, held by Mica). */
    private boolean shared(long pa) {
        m.lock();
        try {
            return m.sgt().isShared(pa);
        } finally {
            m.unlock();
        }
    }

    /** The RD granule at {@code pa}, locked; RMI_ERROR_INPUT if it is not an RD. */
    private Granule lockRd(long pa) throws RmiError {
        Granule g = s.granules().findLock(pa, GranuleState.RD);
        if (g == null) {
            throw RmiError.input();
        }
        return g;
    }
}
