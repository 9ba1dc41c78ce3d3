package org.micasim.rmm.rsi;

import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttMemory;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * The RMM's own translation of a protected IPA named by an RSI argument (TF-RMM
 * {@code realm_ipa_to_pa}): mapped (ASSIGNED with RIPAS RAM) to a PA, RIPAS EMPTY, or not accessible now
 * (RAM but unassigned, or DESTROYED), which becomes an emulated stage-2 fault at the walk level.
 *
 * <p>{@link #lock} walks with TF-RMM's locks (the first root RTT, then hand over hand; a running REC keeps
 * the RD). A {@link Kind#MAPPED} translation returns with the last-level RTT still locked, so the granule
 * cannot be unmapped and scrubbed while the RMM copies to or from it; the caller releases it with
 * {@link #unlock}. Any other outcome holds nothing.
 *
 * @param kind  the outcome
 * @param pa    the PA for {@link Kind#MAPPED}
 * @param level the level where the walk ended
 * @param rttPa for {@link Kind#MAPPED}: the locked last-level RTT
 */
public record IpaTranslation(Kind kind, long pa, int level, long rttPa) {
    /** Outcome of the translation. */
    public enum Kind {
        /** ASSIGNED with RIPAS RAM. */
        MAPPED,
        /** RIPAS EMPTY: the realm named memory it does not have. */
        EMPTY,
        /** RIPAS RAM but unassigned, or DESTROYED: the host must act first. */
        FAULT
    }

    /** Translates protected {@code ipa} of {@code rd}; a MAPPED result holds the last-level RTT's lock. */
    public static IpaTranslation lock(RttMemory rtts, Rd rd, long ipa) {
        RttWalkResult w = rtts.lockRootAndWalk(rd.s2(), ipa, 3);
        S2tteState st = w.state();
        long e = w.entry();
        if (st == S2tteState.ASSIGNED && S2tte.isValid(e)) {
            long offset = ipa & (RttGeometry.size(w.level()) - 1);
            return new IpaTranslation(Kind.MAPPED, S2tte.oa(e) + offset, w.level(), w.rttPa());
        }
        rtts.unlock(w);
        if ((st == S2tteState.ASSIGNED || st == S2tteState.UNASSIGNED) && S2tte.ripas(e) == RmiRipas.EMPTY) {
            return new IpaTranslation(Kind.EMPTY, 0, w.level(), 0);
        }
        return new IpaTranslation(Kind.FAULT, 0, w.level(), 0);
    }

    /** Releases the last-level RTT a MAPPED translation holds (nothing for the other outcomes). */
    public void unlock(RttMemory rtts) {
        if (kind == Kind.MAPPED) {
            rtts.unlockTable(rttPa);
        }
    }

    /**
     * Whether the realm may write {@code ipa} through its stage-2 mapping (S2AP write permission): the RMM
     * writes realm memory on the realm's behalf only where the realm itself could. Mica maps shared pages
     * read-only where the policy says so. Called with a MAPPED translation of {@code ipa} held: it walks
     * again from the root without locks, which reads the same entry because no table on the path to a
     * locked last-level RTT can be folded or destroyed while it is held (each has a TABLE entry, so it is
     * neither homogeneous nor unreferenced).
     */
    public static boolean writable(RttMemory rtts, Rd rd, long ipa) {
        long e = rtts.walk(rd.s2(), ipa, 3).entry();
        return S2tte.isValid(e) && (e & S2tte.S2AP_MASK & (0b10L << 6)) != 0;
    }
}
