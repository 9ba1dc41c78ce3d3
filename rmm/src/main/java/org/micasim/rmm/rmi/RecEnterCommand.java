package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.abi.RsiLayouts;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rsi.Esr;
import org.micasim.rmm.rsi.IpaTranslation;
import org.micasim.rmm.rsi.RecRunLoop;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RMI_REC_ENTER: completes what the host did about the last exit, runs the REC until the next exit and
 * writes RmiRecExit into the host's RmiRecRun. The REC granule is locked for the checks only; the REC then
 * runs in use (refcount 1) holding no granule lock, as TF-RMM's {@code smc_rec_enter}.
 */
public final class RecEnterCommand {
    /** GICv3 ICH_HCR_EL2 bits a host may set: EN, UIE, LRENPIE, NPIE, VGrp0EIE/DIE, VGrp1EIE/DIE, TDIR. */
    static final long GICV3_HCR_ALLOWED = 0b1L | 0b10L | 0b100L | 0b1000L | (0xFL << 4) | (1L << 14);

    private final RmmState s;
    private final RecRunLoop loop;

    public RecEnterCommand(RmmState s) {
        this.s = s;
        this.loop = new RecRunLoop(s);
    }

    /**
     * RMI_REC_ENTER(rec, run_ptr). Failure conditions, in order: run_align, run_bound, run_pas, rec_align,
     * rec_bound, rec_gran_state → RMI_ERROR_INPUT; a fault reading run.enter → RMI_ERROR_INPUT;
     * realm_new → RMI_ERROR_REALM(0); system_off → RMI_ERROR_REALM(1); rec_state (running), rec_runnable,
     * rec_mmio (emul_mmio without an emulatable abort), inject_sea without an unprotected data abort
     * (TF-RMM), rec_gicv3 (ICH_HCR bits the host may not set), rec_psci (PSCI request pending) →
     * RMI_ERROR_REC. Then, in TF-RMM's order: SEA injection, MMIO completion (PC + 4, a read's value to
     * Rt), RIPAS change response, host call completion; the realm runs until an exit, which is written
     * to run.exit (a fault writing it → RMI_ERROR_INPUT).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.14, §A4.3 (realm exits), §A4.4 (host completions)
     */
    public RmiResult enter(long[] x) throws RmiError {
        long runPtr = x[2];
        if (!HostMemory.isNsGranule(s, runPtr)) {
            throw RmiError.input(); // run_align, run_bound, run_pas
        }
        Granule g = s.granules().findLock(x[1], GranuleState.REC);
        if (g == null) {
            throw RmiError.input(); // rec_align, rec_bound, rec_gran_state
        }
        Rec rec;
        RmiRecEnter enter;
        try {
            rec = s.recOf(g);
            enter = RmiRecEnter.decode(HostMemory.read(s, runPtr + RmiRecRun.OFFSET_ENTER, RmiRecEnter.SIZE));
            checkRunnable(rec, enter);
            // The REC is now in use (TF-RMM atomic_granule_get under the lock): it runs without any granule
            // lock, and its fields belong to this PE until the refcount drops again.
            g.refcountInc();
        } finally {
            g.unlock();
        }
        RmiRecExit exit;
        try {
            exit = completeAndRun(rec, enter);
        } finally {
            g.refcountDec();
        }
        HostMemory.write(s, runPtr + RmiRecRun.OFFSET_EXIT, exit.encode());
        return RmiResult.success();
    }

    /** The checks after rec_gran_state, with the REC locked; the realm state is read without the RD lock. */
    private void checkRunnable(Rec rec, RmiRecEnter enter) throws RmiError {
        RealmState st = rec.owner().state();
        if (st == RealmState.REALM_NEW) {
            throw RmiError.realm(0); // realm_new
        }
        if (st == RealmState.REALM_SYSTEM_OFF) {
            throw RmiError.realm(1); // system_off
        }
        if (rec.isRunning()) {
            throw RmiError.rec(); // rec_state
        }
        if (!rec.isRunnable()) {
            throw RmiError.rec(); // rec_runnable
        }
        Rec.LastExit last = rec.lastExit();
        if ((enter.flags() & RmiRecEnter.FLAG_EMUL_MMIO) != 0 && !last.emulatableAbort()) {
            throw RmiError.rec(); // rec_mmio
        }
        if ((enter.flags() & RmiRecEnter.FLAG_INJECT_SEA) != 0 && !last.unprotectedAbort()) {
            throw RmiError.rec(); // inject_sea (TF-RMM)
        }
        if ((enter.gicv3Hcr() & ~GICV3_HCR_ALLOWED) != 0) {
            throw RmiError.rec(); // rec_gicv3
        }
        if (rec.psciPending() != null) {
            throw RmiError.rec(); // rec_psci
        }
    }

    private RmiRecExit completeAndRun(Rec rec, RmiRecEnter enter) {
        RealmVcpu v = rec.vcpu();
        Rec.LastExit last = rec.lastExit();
        rec.setLastExit(Rec.LastExit.NONE);
        if ((enter.flags() & RmiRecEnter.FLAG_INJECT_SEA) != 0) {
            v.injectSyncExternalAbort();
        } else if ((enter.flags() & RmiRecEnter.FLAG_EMUL_MMIO) != 0) {
            completeMmio(v, last.esr(), enter.gpr(0));
        }
        completeRipasChange(rec, enter);
        if (rec.hostCallIpa() >= 0) {
            RmiRecExit fault = completeHostCall(rec, enter);
            if (fault != null) {
                return fault;
            }
        }
        return loop.run(rec, enter);
    }

    /** Emulated MMIO: a read's value (masked to the access size, sign-extended if SSE) goes to Rt. */
    private static void completeMmio(RealmVcpu v, long esr, long value) {
        if ((esr & Esr.WNR) == 0) {
            int rt = Esr.srt(esr);
            int bits = 8 * Esr.accessSize(esr);
            long val = bits == 64 ? value : value & ((1L << bits) - 1);
            if ((esr & Esr.SSE) != 0 && bits < 64) {
                val = (val << (64 - bits)) >> (64 - bits);
                if ((esr & Esr.SF) == 0) {
                    val &= 0xFFFF_FFFFL;
                }
            }
            if (rt != 31) {
                v.setX(rt, val);
            }
        }
        v.setPc(v.pc() + 4);
    }

    private static void completeRipasChange(Rec rec, RmiRecEnter enter) {
        Rec.RipasChange c = rec.ripasChange();
        if (c == null) {
            return;
        }
        boolean reject = c.value() == RmiRipas.RAM.code() && c.addr() != c.top()
            && (enter.flags() & RmiRecEnter.FLAG_RIPAS_RESPONSE) != 0;
        RealmVcpu v = rec.vcpu();
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        v.setX(1, c.addr());
        v.setX(2, reject ? RsiLayouts.RSI_REJECT : RsiLayouts.RSI_ACCEPT);
        rec.setRipasChange(null);
    }

    /**
     * Copies enter.gprs[0..30] into the realm's RsiHostCall and completes RSI_HOST_CALL; if the structure
     * is no longer mapped the realm is not entered and the host gets a stage-2 fault exit instead.
     */
    private RmiRecExit completeHostCall(Rec rec, RmiRecEnter enter) {
        long ipa = rec.hostCallIpa();
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rec.owner(), ipa);
        if (t.kind() != IpaTranslation.Kind.MAPPED) {
            return RecRunLoop.stage2FaultExit(rec, ipa, t.level());
        }
        try {
            byte[] gprs = new byte[8 * RsiLayouts.HOST_CALL_NUM_GPRS];
            for (int i = 0; i < RsiLayouts.HOST_CALL_NUM_GPRS; i++) {
                long g = enter.gpr(i);
                for (int k = 0; k < 8; k++) {
                    gprs[8 * i + k] = (byte) (g >>> (8 * k));
                }
            }
            s.writeRealm(t.pa() + RsiLayouts.HOST_CALL_OFFSET_GPRS, gprs);
        } finally {
            t.unlock(s.rtts());
        }
        rec.vcpu().setX(0, RsiStatus.RSI_SUCCESS.code());
        rec.setHostCallIpa(-1);
        return null;
    }
}
