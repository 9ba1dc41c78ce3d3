package org.micasim.rmm.mica;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
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
     * realm's policy descriptor (DATA, zero).
     */
    public RmiResult realmPd(long[] x) throws RmiError {
        Rd rd = realm(x[1]);
        Granule pd = delegated(x[2]);
        MicaRealm r = m.realm(rd.pa());
        if (r.pd() != 0) {
            throw RmiError.realm(0);
        }
        pd.transition(GranuleState.DATA);
        r.setPd(pd.pa());
        return RmiResult.success();
    }

    /**
     * RMI_REALM_DUMMY_PAGE(rd, dummy). Failure conditions: rd not an RD → RMI_ERROR_INPUT; the realm
     * already uploaded its policy → RMI_ERROR_REALM; the realm has another dummy page → RMI_ERROR_INPUT
     * (the same one again succeeds without effect); dummy not a DELEGATED granule → RMI_ERROR_INPUT.
     * Success: the granule is zeroed and becomes the realm's dummy page (DATA).
     */
    public RmiResult realmDummyPage(long[] x) throws RmiError {
        Rd rd = realm(x[1]);
        MicaRealm r = m.realm(rd.pa());
        if (r.uploaded()) {
            throw RmiError.realm(0);
        }
        if (r.dummy() != 0) {
            if (r.dummy() == x[2]) {
                return RmiResult.success();
            }
            throw RmiError.input();
        }
        Granule dummy = delegated(x[2]);
        s.scrub(dummy);
        dummy.transition(GranuleState.DATA);
        r.setDummy(dummy.pa());
        return RmiResult.success();
    }

    /**
     * RMI_SGT(granule). Failure conditions: already {@value MicaState#MAX_SGT_GRANULES} backing granules →
     * RMI_ERROR_INPUT; granule not DELEGATED → RMI_ERROR_INPUT. Success: the granule (DATA) extends the
     * SGT's backing store and the table is rewritten into it.
     */
    public RmiResult sgt(long[] x) throws RmiError {
        if (m.sgtGranules().size() >= MicaState.MAX_SGT_GRANULES) {
            throw RmiError.input();
        }
        Granule g = delegated(x[1]);
        g.transition(GranuleState.DATA);
        m.addSgtGranule(g.pa());
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
     */
    public RmiResult dataCreateUnknownShared(long[] x) throws RmiError {
        Rd rd = realm(x[1]);
        long dataPa = x[2];
        long ipa = x[3];
        if (!RttGeometry.isAligned(ipa, 3) || !rd.s2().isProtected(ipa)) {
            throw RmiError.input();
        }
        MicaRealm r = m.realm(rd.pa());
        if (r.dummy() == 0) {
            throw RmiError.input();
        }
        if (r.uploaded()) {
            throw RmiError.realm(0);
        }
        Granule data = s.granules().find(dataPa);
        boolean first = data != null && data.state() == GranuleState.DELEGATED;
        boolean later = data != null && data.state() == GranuleState.DATA && m.sgt().isShared(dataPa);
        if (!(first || later) || Long.compareUnsigned(dataPa, PA_LIMIT) >= 0) {
            throw RmiError.input();
        }
        RttWalkResult w = s.rtts().walk(rd.s2(), ipa, 3);
        if (w.level() < 3 || w.state() != S2tteState.UNASSIGNED || S2tte.ripas(w.entry()) != RmiRipas.RAM) {
            throw RmiError.rtt(w.level());
        }
        if (!m.sgt().add(new SgtEntry(dataPa, ipa, rd.pa()), m.sgtCapacity())) {
            throw RmiError.input();
        }
        if (first) {
            data.transition(GranuleState.DATA);
        }
        m.persistSgt();
        s.rtts().write(w.rttPa(), w.index(), SharedMappings.entry(r.dummy(), Prot.R));
        s.granules().find(w.rttPa()).refcountInc();
        return RmiResult.success();
    }

    private Rd realm(long pa) throws RmiError {
        Rd rd = s.rdAt(pa);
        if (rd == null) {
            throw RmiError.input();
        }
        return rd;
    }

    private Granule delegated(long pa) throws RmiError {
        Granule g = s.granules().find(pa);
        if (g == null || g.state() != GranuleState.DELEGATED) {
            throw RmiError.input();
        }
        return g;
    }
}
