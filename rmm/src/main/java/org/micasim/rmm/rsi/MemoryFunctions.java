package org.micasim.rmm.rsi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.abi.RsiLayouts;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RSI_REALM_CONFIG, RSI_IPA_STATE_SET and RSI_IPA_STATE_GET.
 */
public final class MemoryFunctions {
    private final RmmState s;

    public MemoryFunctions(RmmState s) {
        this.s = s;
    }

    private static boolean isGranuleAligned(long a) {
        return (a & (Granule.SIZE - 1)) == 0;
    }

    /** base and top granule aligned, top &gt; base, the range protected. */
    private static boolean validRange(Rd rd, long base, long top) {
        return isGranuleAligned(base) && isGranuleAligned(top) && Long.compareUnsigned(top, base) > 0
            && rd.s2().isProtected(top - 1);
    }

    /**
     * RSI_REALM_CONFIG(addr): writes RsiRealmConfig (ipa_width, hash_algo, rpv) into the granule at addr.
     * Failures: addr not 4 KiB aligned or not protected, or RIPAS EMPTY → RSI_ERROR_INPUT; RAM but not
     * mapped, or DESTROYED → stage-2 fault exit.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.9, §B5.4.8 RsiRealmConfig
     */
    public RsiOutcome realmConfig(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long addr = v.x(1);
        Rd rd = rec.owner();
        if (!isGranuleAligned(addr) || !rd.s2().isProtected(addr)) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rd, addr);
        if (t.kind() == IpaTranslation.Kind.EMPTY) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        if (t.kind() == IpaTranslation.Kind.FAULT) {
            return new RsiOutcome.Stage2Fault(addr, t.level());
        }
        try {
            if (!IpaTranslation.writable(s.rtts(), rd, addr)) {
                v.setX(0, RsiStatus.RSI_ERROR_INPUT.code()); // a read-only (Mica shared) page
                return RsiOutcome.RETURN_TO_REALM;
            }
            byte[] cfg = new byte[RsiLayouts.REALM_CONFIG_SIZE];
            put64(cfg, RsiLayouts.REALM_CONFIG_OFFSET_IPA_WIDTH, rd.s2().ipaWidth());
            put64(cfg, RsiLayouts.REALM_CONFIG_OFFSET_HASH_ALGO, rd.hashAlgo().code());
            System.arraycopy(rd.rpv(), 0, cfg, RsiLayouts.REALM_CONFIG_OFFSET_RPV, 64);
            s.writeRealm(t.pa(), cfg);
        } finally {
            t.unlock(s.rtts());
        }
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    /**
     * RSI_IPA_STATE_SET(base, top, ripas, flags) → (on the next entry) X1 new base, X2 response.
     * Failures: base or top not 4 KiB aligned, top &lt;= base, range not protected, ripas not EMPTY or RAM
     * → RSI_ERROR_INPUT. Success: the request is recorded in the REC and the REC exits with
     * RMI_EXIT_RIPAS_CHANGE; the host applies it with RMI_RTT_SET_RIPAS and the result reaches the realm
     * on the next REC_ENTER.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.6
     */
    public RsiOutcome ipaStateSet(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long base = v.x(1);
        long top = v.x(2);
        long ripas = v.x(3);
        long flags = v.x(4);
        if (!validRange(rec.owner(), base, top)
            || (ripas != RmiRipas.EMPTY.code() && ripas != RmiRipas.RAM.code())) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        boolean changeDestroyed = (flags & RsiLayouts.IPA_STATE_SET_FLAG_CHANGE_DESTROYED) != 0;
        rec.setRipasChange(new Rec.RipasChange(base, top, (int) ripas, changeDestroyed));
        RmiRecExit exit = RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_RIPAS_CHANGE)
            .setRipasBase(base).setRipasTop(top).setRipasValue((int) ripas);
        return new RsiOutcome.ExitToHost(exit);
    }

    /**
     * RSI_IPA_STATE_GET(base, top) → X1 out_top, X2 ripas: the longest prefix of [base, top) with one
     * RIPAS, within the RTT the walk reaches. Failures: base or top not 4 KiB aligned, top &lt;= base,
     * range not protected → RSI_ERROR_INPUT.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.5
     */
    public RsiOutcome ipaStateGet(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long base = v.x(1);
        long top = v.x(2);
        Rd rd = rec.owner();
        if (!validRange(rd, base, top)) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), base, 3); // TF-RMM realm_ipa_get_ripas
        RmiRipas ripas = ripasOf(w.entry(), w.level());
        long size = RttGeometry.size(w.level());
        long addr = (base & ~(size - 1)) + size;
        try {
            for (int i = w.index() + 1; i < RttGeometry.ENTRIES && Long.compareUnsigned(addr, top) < 0; i++) {
                if (ripasOf(s.rtts().read(w.rttPa(), i), w.level()) != ripas) {
                    break;
                }
                addr += size;
            }
        } finally {
            s.rtts().unlock(w);
        }
        long outTop = Long.compareUnsigned(addr, top) < 0 ? addr : top;
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        v.setX(1, outTop);
        v.setX(2, ripas.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    private static RmiRipas ripasOf(long e, int level) {
        S2tteState st = S2tte.state(e, level);
        return st == S2tteState.UNASSIGNED || st == S2tteState.ASSIGNED ? S2tte.ripas(e) : RmiRipas.EMPTY;
    }

    static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
