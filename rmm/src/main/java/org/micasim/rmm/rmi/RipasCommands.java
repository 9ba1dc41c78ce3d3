package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
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
 * completion of a realm-initiated change.
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
        Rd rd = RttChecks.rd(s, x[1]);
        long base = x[2];
        long top = x[3];
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
        RttWalkResult w = s.rtts().walk(rd.s2(), base, 3);
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
        Rd rd = RttChecks.rd(s, x[1]);
        Rec rec = s.recAt(x[2]);
        long base = x[3];
        long top = x[4];
        if (rec == null) {
            throw RmiError.input(); // rec_align, rec_bound, rec_gran_state
        }
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
        RttWalkResult w = s.rtts().walk(rd.s2(), base, 3);
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
