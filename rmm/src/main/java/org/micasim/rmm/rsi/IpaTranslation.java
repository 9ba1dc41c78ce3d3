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
 * @param kind  the outcome
 * @param pa    the PA for {@link Kind#MAPPED}
 * @param level the level where the walk ended
 */
public record IpaTranslation(Kind kind, long pa, int level) {
    /** Outcome of the translation. */
    public enum Kind {
        /** ASSIGNED with RIPAS RAM. */
        MAPPED,
        /** RIPAS EMPTY: the realm named memory it does not have. */
        EMPTY,
        /** RIPAS RAM but unassigned, or DESTROYED: the host must act first. */
        FAULT
    }

    /** Translates protected {@code ipa} of {@code rd}. */
    public static IpaTranslation of(RttMemory rtts, Rd rd, long ipa) {
        RttWalkResult w = rtts.walk(rd.s2(), ipa, 3);
        S2tteState st = w.state();
        if (st == S2tteState.ASSIGNED && S2tte.isValid(w.entry())) {
            long offset = ipa & (RttGeometry.size(w.level()) - 1);
            return new IpaTranslation(Kind.MAPPED, S2tte.oa(w.entry()) + offset, w.level());
        }
        if ((st == S2tteState.ASSIGNED || st == S2tteState.UNASSIGNED) && S2tte.ripas(w.entry()) == RmiRipas.EMPTY) {
            return new IpaTranslation(Kind.EMPTY, 0, w.level());
        }
        return new IpaTranslation(Kind.FAULT, 0, w.level());
    }

    /**
     * Whether the realm may write {@code ipa} through its stage-2 mapping (S2AP write permission): the RMM
     * writes realm memory on the realm's behalf only where the realm itself could. Mica maps shared pages
     * read-only where the policy says so.
     */
    public static boolean writable(RttMemory rtts, Rd rd, long ipa) {
        long e = rtts.walk(rd.s2(), ipa, 3).entry();
        return S2tte.isValid(e) && (e & S2tte.S2AP_MASK & (0b10L << 6)) != 0;
    }
}
