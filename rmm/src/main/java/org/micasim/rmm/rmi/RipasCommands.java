package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * RMI_RTT_INIT_RIPAS and RMI_RTT_SET_RIPAS: RIPAS changes of a NEW realm (measured) and the host's
 * completion of a realm-initiated change. Both keep the RD locked while they walk (INIT_RIPAS extends the
 * RIM; SET_RIPAS also holds the REC, locked with the RD in address order), as TF-RMM's
 * {@code smc_rtt_init_ripas} and {@code smc_rtt_set_ripas}.
 */
public final class RipasCommands {
    private final RmmState s;

    public RipasCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_RTT_INIT_RIPAS(rd, base, top) → X1 out_top. Failure conditions, in order: rd_align, rd_bound,
     * rd_state, size_valid (top &lt;= base), top_bound (top − 4 KiB not protected), base 4 KiB alignment
     * (TF-RMM) → RMI_ERROR_INPUT; realm_state (not NEW) → RMI_ERROR_REALM; base_align (base not aligned
     * to the walk level), rtte_state (first entry not UNASSIGNED EMPTY/RAM) → RMI_ERROR_RTT(walk level);
     * top_gran_align → RMI_ERROR_INPUT; no_progress → RMI_ERROR_RTT(walk level). Success: entries of the
     * walk's RTT from base while they end at or below top and are UNASSIGNED EMPTY/RAM get RIPAS RAM; the
     * RIM is extended once per entry; out_top = end of the last entry.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.18; walk semantics as TF-RMM (rmm.md §11 #7)
     */
    public RmiResult init(long[] x) throws RmiError {
        Granule rdGranule = RttChecks.lockRd(s, x[1]);
        try {
            return initLocked(s.realmOf(rdGranule), x[2], x[3]);
        } finally {
            rdGranule.unlock();
        }
    }

    /** INIT_RIPAS with the RD locked throughout, as TF-RMM keeps it for the RIM. */
    private RmiResult initLocked(Rd rd, long base, long top) throws RmiError {
        if (Long.compareUnsigned(top, base) <= 0) {
            throw RmiError.input(); // size_valid
        }
        if (!rd.s2().isProtected(top - Granule.SIZE)) {
            throw RmiError.input(); // top_bound
        }
        if (!RttGeometry.isAligned(base, 3)) {
            throw RmiError.input(); // base 4 KiB alignment (TF-RMM)
        }
        if (rd.state() != RealmState.REALM_NEW) {
            throw RmiError.realm(0); // realm_state
        }
        RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), base, 3);
        try {
            if (!RttGeometry.isAligned(base, w.level())) {
                throw RmiError.rtt(w.level()); // base_align
            }
            if (!initialisable(w.entry(), w.level())) {
                throw RmiError.rtt(w.level()); // rtte_state
            }
            if (!RttGeometry.isAligned(top, 3)) {
                throw RmiError.input(); // top_gran_align
            }
            long size = RttGeometry.size(w.level());
            if (Long.compareUnsigned(base + size, top) > 0) {
                throw RmiError.rtt(w.level()); // no_progress
            }
            long addr = base;
            byte[] rim = rd.rim();
            for (int i = w.index(); i < RttGeometry.ENTRIES; i++, addr += size) {
                long e = s.rtts().read(w.rttPa(), i);
                if (Long.compareUnsigned(addr + size, top) > 0 || !initialisable(e, w.level())) {
                    break;
                }
                if (S2tte.ripas(e) == RmiRipas.EMPTY) {
                    s.rtts().write(w.rttPa(), i, S2tte.createUnassigned(RmiRipas.RAM));
                }
                rim = s.measurement().extendRipas(rd.hashAlgo(), rim, addr, addr + size);
            }
            rd.setMeasurement(0, rim);
            return RmiResult.success(addr);
        } finally {
            s.rtts().unlock(w);
        }
    }

    /** An UNASSIGNED entry with RIPAS EMPTY or RAM (TF-RMM stops at everything else). */
    private static boolean initialisable(long e, int level) {
        return S2tte.state(e, level) == S2tteState.UNASSIGNED && S2tte.ripas(e) != RmiRipas.DESTROYED;
    }

    /**
     * RMI_RTT_SET_RIPAS(rd, rec, base, top) → X1 out_top. Failure conditions, in order: rd_align,
     * rd_bound, rd_state, rec_align, rec_bound, rec_gran_state → RMI_ERROR_INPUT; rec_state (running),
     * rec_owner → RMI_ERROR_REC; size_valid, base_bound (base ≠ rec.ripas_addr), top_bound (top &gt;
     * rec.ripas_top) → RMI_ERROR_INPUT; base_align (base not aligned to the walk level and that entry's
     * RIPAS differs from the request) → RMI_ERROR_RTT(walk level); top_gran_align → RMI_ERROR_INPUT;
     * no_progress → RMI_ERROR_RTT(walk level). Success: entries from base change RIPAS (DESTROYED only
     * with RSI_CHANGE_DESTROYED), valid mappings appear or go (TLBI), rec.ripas_addr = out_top.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.21
     */
    public RmiResult set(long[] x) throws RmiError {
        long rdPa = x[1];
        long recPa = x[2];
        if (s.granules().findInState(rdPa, GranuleState.RD) == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state (read before the locks, as listed)
        }
        if (!s.granules().findLockTwo(rdPa, GranuleState.RD, recPa, GranuleState.REC)) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state, rec_align, rec_bound, rec_gran_state
        }
        Granule rdGranule = s.granules().find(rdPa);
        Granule recGranule = s.granules().find(recPa);
        try {
            return setLocked(s.realmOf(rdGranule), s.recOf(recGranule), x[3], x[4]);
        } finally {
            recGranule.unlock();
            rdGranule.unlock();
        }
    }

    /** SET_RIPAS with the RD and the REC locked throughout (TF-RMM {@code smc_rtt_set_ripas}). */
    private RmiResult setLocked(Rd rd, Rec rec, long base, long top) throws RmiError {
        if (rec.isRunning()) {
            throw RmiError.rec(); // rec_state
        }
        if (rec.owner() != rd) {
            throw RmiError.rec(); // rec_owner
        }
        if (Long.compareUnsigned(top, base) <= 0) {
            throw RmiError.input(); // size_valid
        }
        Rec.RipasChange change = rec.ripasChange();
        long ripasAddr = change == null ? 0 : change.addr();
        long ripasTop = change == null ? 0 : change.top();
        if (change == null || base != ripasAddr) {
            throw RmiError.input(); // base_bound
        }
        if (Long.compareUnsigned(top, ripasTop) > 0) {
            throw RmiError.input(); // top_bound
        }
        RmiRipas target = RmiRipas.fromCode(change.value()).orElseThrow();
        RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), base, 3);
        try {
            if (!RttGeometry.isAligned(base, w.level()) && ripasOf(w.entry(), w.level()) != target) {
                throw RmiError.rtt(w.level()); // base_align
            }
            if (!RttGeometry.isAligned(top, 3)) {
                throw RmiError.input(); // top_gran_align
            }
            long outTop = applyRipas(rd, w, base, top, target, change.changeDestroyed());
            if (outTop == base) {
                throw RmiError.rtt(w.level()); // no_progress
            }
            change.setAddr(outTop);
            return RmiResult.success(outTop);
        } finally {
            s.rtts().unlock(w);
        }
    }

    /** Whether every extension lets this entry's RIPAS change (Mica keeps shared pages at RAM). */
    private boolean extensionsAllow(Rd rd, long ipa, int level) {
        for (RealmLifecycleListener l : s.lifecycleListeners()) {
            if (!l.mayChangeRipas(rd, ipa, level)) {
                return false;
            }
        }
        return true;
    }

    /** RIPAS of a protected entry, null for entries without one (TABLE, NS). */
    private static RmiRipas ripasOf(long e, int level) {
        S2tteState st = S2tte.state(e, level);
        return st == S2tteState.UNASSIGNED || st == S2tteState.ASSIGNED ? S2tte.ripas(e) : null;
    }

    /**
     * Walks the entries of the RTT from {@code base}, changing those that may change; returns the address
     * where it stopped. Entries already at the target are skipped; a DESTROYED entry without permission,
     * an entry without RIPAS, or an entry that would only partly change stops the walk. Nothing is written
     * if no progress is possible (the caller then fails without effects).
     */
    private long applyRipas(Rd rd, RttWalkResult w, long base, long top, RmiRipas target, boolean destroyed) {
        int level = w.level();
        long size = RttGeometry.size(level);
        long addr = base;
        for (int i = w.index(); i < RttGeometry.ENTRIES && Long.compareUnsigned(addr, top) < 0; i++) {
            long entryStart = addr & ~(size - 1);
            long entryEnd = entryStart + size;
            long e = s.rtts().read(w.rttPa(), i);
            RmiRipas cur = ripasOf(e, level);
            if (cur == target) {
                addr = Long.compareUnsigned(entryEnd, top) < 0 ? entryEnd : top;
                continue;
            }
            boolean allowed = cur != null && (cur != RmiRipas.DESTROYED || destroyed)
                && extensionsAllow(rd, entryStart, level);
            if (!allowed || entryStart != addr || Long.compareUnsigned(entryEnd, top) > 0) {
                break;
            }
            S2tteState st = S2tte.state(e, level);
            long updated = st == S2tteState.ASSIGNED ? S2tte.createAssigned(target, S2tte.oa(e), level)
                : S2tte.createUnassigned(target);
            s.rtts().write(w.rttPa(), i, updated);
            if (S2tte.isValid(e)) {
                s.services().tlbiIpa(rd.s2().vmid(), entryStart);
            }
            addr = entryEnd;
        }
        return addr;
    }
}
