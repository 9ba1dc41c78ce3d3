package org.micasim.rmm.rsi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.RealmExitFilter;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.guest.RealmTrap;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.guest.TrapKind;
import org.micasim.simulator.timing.EventKind;

/**
 * Runs a REC's vCPU until something needs the host (TF-RMM {@code rec_run_loop} and
 * {@code handle_realm_exit}): RSI and PSCI calls are handled inline, realm HVCs get an Undefined
 * Instruction exception, accesses to RIPAS EMPTY get a synchronous external abort, and everything else
 * becomes an RmiRecExit. It runs on the PE that entered the REC, with the REC in use (refcount 1) and no
 * granule lock held; each RSI handler takes the locks it needs (docs/abi.md, "Concurrency").
 *
 * @spec Arm DEN0137 1.0-rel0 §A4.3 (realm exits), §A5.2.9 (realm access outcomes); rmm.md §4
 */
public final class RecRunLoop {
    /** Data abort ISS bits passed to the host for an emulatable MMIO access. */
    private static final long EMULATABLE_ESR_MASK = Esr.EC_MASK | Esr.IL | Esr.ISV | Esr.SAS_MASK | Esr.SF
        | Esr.WNR | Esr.FSC_MASK;
    /** Abort syndrome bits passed to the host for a protected-IPA abort: EC, SET, FnV, EA, DFSC. */
    private static final long PROTECTED_ESR_MASK = Esr.EC_MASK | Esr.IL | Esr.SET_MASK | Esr.FNV | Esr.EA
        | Esr.FSC_MASK;

    private final RmmState s;

    public RecRunLoop(RmmState s) {
        this.s = s;
    }

    /** Runs {@code rec} with the host's entry flags until an exit; returns the filled RmiRecExit. */
    public RmiRecExit run(Rec rec, RmiRecEnter enter) {
        RealmVcpu v = rec.vcpu();
        Rd rd = rec.owner();
        v.setStage2(rd.s2().vttbr(), rd.s2().vtcr());
        // HCR_EL2.TWI/TWE follow enter.flags (rmm.md §6.3): an untrapped WFx sleeps until an IRQ exit.
        v.setWfxTraps((enter.flags() & RmiRecEnter.FLAG_TRAP_WFI) != 0, (enter.flags() & RmiRecEnter.FLAG_TRAP_WFE) != 0);
        while (true) {
            s.services().events().event(EventKind.REALM_SWITCH, 1);
            RealmTrap t = v.run();
            s.services().events().event(EventKind.REALM_SWITCH, 1);
            RmiRecExit exit = handle(rec, enter, t);
            if (exit != null) {
                exit.setGicv3Hcr(enter.gicv3Hcr());
                long[] lrs = enter.gicv3Lrs();
                for (int i = 0; i < lrs.length; i++) {
                    exit.setGicv3Lr(i, lrs[i]);
                }
                for (RealmExitFilter f : s.exitFilters()) {
                    f.beforeExitToHost(rd, rec, exit);
                }
                return exit;
            }
        }
    }

    /** One trap: null to resume the realm, else the exit for the host. */
    private RmiRecExit handle(Rec rec, RmiRecEnter enter, RealmTrap t) {
        RealmVcpu v = rec.vcpu();
        rec.setLastExit(Rec.LastExit.NONE);
        switch (t.kind()) {
            case SMC:
                return realmSmc(rec);
            case HVC:
                v.injectUndefined();
                return null;
            case DATA_ABORT:
            case INSTRUCTION_ABORT:
                return abort(rec, t);
            case WFX:
                return wfx(rec, t);
            case IRQ:
                return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_IRQ);
            case FIQ:
                return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_FIQ);
            case SERROR:
                return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_SERROR)
                    .setEsr(t.esr() & Esr.SERROR_MASK);
            default:
                throw new IllegalStateException("unknown realm trap " + t.kind());
        }
    }

    private RmiRecExit realmSmc(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long fid = v.x(0);
        for (RealmExitFilter f : s.exitFilters()) {
            if (!f.allowRealmSmc(rec.owner(), rec, fid)) {
                v.setX(0, RsiStatus.RSI_ERROR_STATE.code());
                v.setPc(v.pc() + 4);
                return null;
            }
        }
        RsiOutcome o = s.rsi().dispatch(rec, fid);
        if (o instanceof RsiOutcome.Stage2Fault f) {
            return stage2FaultExit(rec, f.ipa(), f.level());
        }
        v.setPc(v.pc() + 4);
        return o instanceof RsiOutcome.ExitToHost e ? e.exit() : null;
    }

    /** An emulated stage-2 translation fault exit for an IPA named by an RSI argument. */
    public static RmiRecExit stage2FaultExit(Rec rec, long ipa, int level) {
        long esr = Esr.EC_DATA_ABORT_LOWER << Esr.EC_SHIFT | Esr.IL | (Esr.FSC_TRANSLATION_L0 + level);
        long hpfar = (ipa >>> 12) << 4;
        rec.setLastExit(new Rec.LastExit(esr, 0, hpfar, false, false));
        return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_SYNC).setEsr(esr).setHpfar(hpfar);
    }

    private RmiRecExit abort(Rec rec, RealmTrap t) {
        RealmVcpu v = rec.vcpu();
        Rd rd = rec.owner();
        long ipa = Esr.faultIpa(t.hpfar(), t.far());
        boolean data = t.kind() == TrapKind.DATA_ABORT;
        if (!rd.s2().inIpaSpace(ipa)) {
            v.injectSyncExternalAbort();
            return null;
        }
        if (!rd.s2().isProtected(ipa)) {
            if (!data) {
                v.injectSyncExternalAbort();
                return null;
            }
            return unprotectedDataAbort(rec, t);
        }
        RttWalkResult w = s.rtts().lockRootAndWalk(rd.s2(), ipa, 3);
        s.rtts().unlock(w);
        S2tteState st = w.state();
        boolean hasRipas = st == S2tteState.UNASSIGNED || st == S2tteState.ASSIGNED;
        if (hasRipas && S2tte.ripas(w.entry()) == RmiRipas.EMPTY) {
            v.injectSyncExternalAbort();
            return null;
        }
        long esr = t.esr() & PROTECTED_ESR_MASK;
        rec.setLastExit(new Rec.LastExit(esr, 0, t.hpfar(), false, false));
        return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_SYNC).setEsr(esr).setHpfar(t.hpfar());
    }

    /**
     * A data abort at an unprotected IPA: with ISV it is emulatable (the host may complete it with
     * emul_mmio); FAR is reduced to the offset in the granule and a write's value is passed in gprs[0].
     */
    private RmiRecExit unprotectedDataAbort(Rec rec, RealmTrap t) {
        RealmVcpu v = rec.vcpu();
        boolean isv = (t.esr() & Esr.ISV) != 0;
        long esr = t.esr() & (isv ? EMULATABLE_ESR_MASK : PROTECTED_ESR_MASK);
        RmiRecExit exit = RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_SYNC).setEsr(esr)
            .setFar(t.far() & 0xFFF).setHpfar(t.hpfar());
        if (isv && (t.esr() & Esr.WNR) != 0) {
            int rt = Esr.srt(t.esr());
            exit.setGpr(0, rt == 31 ? 0 : v.x(rt));
        }
        rec.setLastExit(new Rec.LastExit(t.esr(), t.far(), t.hpfar(), isv, true));
        return exit;
    }

    /**
     * A trapped WFI/WFE (HCR_EL2.TWI/TWE, set from enter.flags.trap_wfi/trap_wfe at entry): the instruction
     * completes (PC + 4) and the host sees an EXIT_SYNC with the WFx syndrome. An untrapped WFx never
     * reaches R-EL2: the vCPU sleeps until the host timer's IRQ, which exits as RMI_EXIT_IRQ.
     */
    private RmiRecExit wfx(Rec rec, RealmTrap t) {
        RealmVcpu v = rec.vcpu();
        v.setPc(v.pc() + 4);
        long esr = t.esr() & (Esr.EC_MASK | Esr.IL | Esr.WFX_TI_MASK);
        return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_SYNC).setEsr(esr);
    }
}
