package org.micasim.rmm.rmi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.granule.GranuleTable;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rec.RecMpidr;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RMI_REC_AUX_COUNT, RMI_REC_CREATE, RMI_REC_DESTROY and RMI_PSCI_COMPLETE.
 */
public final class RecCommands {
    /** 2^MAX_RECS_ORDER − 1: the most RECs a realm may have (RD refcount width). */
    public static final int MAX_RECS = 1023;

    private final RmmState s;

    public RecCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_REC_AUX_COUNT(rd) → X1 aux_count. Failure conditions: rd_align, rd_bound, rd_state →
     * RMI_ERROR_INPUT. The count is 16 for every realm (TF-RMM MAX_REC_AUX_GRANULES).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.11
     */
    public RmiResult auxCount(long[] x) throws RmiError {
        Granule g = s.granules().findLock(x[1], GranuleState.RD);
        if (g == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state
        }
        g.unlock();
        return RmiResult.success(Rd.REC_AUX_COUNT);
    }

    /**
     * RMI_REC_CREATE(rd, rec, params_ptr). Failure conditions in the spec's listed order: params_align,
     * params_bound, params_pas, rec_align, rec_bound, rec_state, rd_align, rd_bound, rd_state →
     * RMI_ERROR_INPUT; realm_state (not NEW), num_recs (at the maximum) → RMI_ERROR_REALM; mpidr_index
     * (RecIndex(mpidr) ≠ rec_index, or bits outside the affinity fields), num_aux (≠ 16), aux_align,
     * aux_alias (duplicate or equal to rec), aux_state (not DELEGATED) → RMI_ERROR_INPUT. Success: REC and
     * aux granules leave DELEGATED, the vCPU starts at pc with gprs[0..7], runnable per flags, num_recs
     * and rec_index + 1, RIM extended by the REC descriptor if runnable.
     *
     * <p>Locks: the REC and RD granules in address order, then the auxiliary granules in address order
     * (docs/abi.md, "Concurrency": an auxiliary granule below one already held is only tried, and if it is
     * busy everything is released and the command starts again).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.12; measurement §A7.1.3
     */
    public RmiResult create(long[] x) throws RmiError {
        long paramsPtr = x[3];
        if (!HostMemory.isNsGranule(s, paramsPtr)) {
            throw RmiError.input(); // params_align, params_bound, params_pas
        }
        RmiRecParams p = RmiRecParams.decode(HostMemory.read(s, paramsPtr, RmiRecParams.SIZE));
        for (int attempt = 0; ; attempt++) {
            RmiResult r = createLocked(x[1], x[2], p);
            if (r != null) {
                return r;
            }
            backOff(attempt);
        }
    }

    /** One attempt of REC_CREATE with its locks; null if an auxiliary granule was busy (try again). */
    private RmiResult createLocked(long rdPa, long recPa, RmiRecParams p) throws RmiError {
        if (s.granules().findInState(recPa, GranuleState.DELEGATED) == null) {
            throw RmiError.input(); // rec_align, rec_bound, rec_state (read before the locks, as listed)
        }
        if (!s.granules().findLockTwo(recPa, GranuleState.DELEGATED, rdPa, GranuleState.RD)) {
            throw RmiError.input(); // rec_align, rec_bound, rec_state, rd_align, rd_bound, rd_state
        }
        Granule recGranule = s.granules().find(recPa);
        Granule rdGranule = s.granules().find(rdPa);
        try {
            Rd rd = s.realmOf(rdGranule);
            if (rd.state() != RealmState.REALM_NEW) {
                throw RmiError.realm(0); // realm_state
            }
            if (rd.numRecs() >= MAX_RECS) {
                throw RmiError.realm(0); // num_recs
            }
            if (!RecMpidr.isValid(p.mpidr()) || RecMpidr.index(p.mpidr()) != rd.recIndex()) {
                throw RmiError.input(); // mpidr_index
            }
            if (p.numAux() != Rd.REC_AUX_COUNT) {
                throw RmiError.input(); // num_aux
            }
            List<Granule> aux = lockAux(p.aux(), recPa, rdPa);
            if (aux == null) {
                return null;
            }
            try {
                createEffects(recGranule, rd, aux, p);
            } finally {
                for (Granule g : aux) {
                    g.unlock();
                }
            }
            return RmiResult.success();
        } finally {
            rdGranule.unlock();
            recGranule.unlock();
        }
    }

    private void createEffects(Granule recGranule, Rd rd, List<Granule> aux, RmiRecParams p) {
        boolean runnable = (p.flags() & RmiRecParams.FLAG_RUNNABLE) != 0;
        recGranule.transition(GranuleState.REC);
        for (Granule g : aux) {
            g.transition(GranuleState.REC_AUX);
        }
        RealmVcpu vcpu = s.services().createVcpu(p.pc(), p.gprs());
        Rec rec = new Rec(recGranule, rd, p.mpidr(), aux, vcpu, runnable);
        s.addRec(rec);
        rd.granule().refcountInc();
        rd.incrementRecIndex();
        if (runnable) {
            rd.setMeasurement(0, s.measurement().extendRec(rd.hashAlgo(), rd.rim(), p));
        }
    }

    /**
     * aux_align, aux_alias, aux_state, checked for aux[0], aux[1], ... in turn (the state read without the
     * lock), then the granules locked in address order and their state checked again. Returns them
     * locked, in aux order; null (none of them held) if one below a granule already held was busy.
     */
    private List<Granule> lockAux(long[] auxPas, long recPa, long rdPa) throws RmiError {
        for (int i = 0; i < Rd.REC_AUX_COUNT; i++) {
            long pa = auxPas[i];
            if (!GranuleTable.isAligned(pa)) {
                throw RmiError.input(); // aux_align
            }
            for (int j = 0; j < i; j++) {
                if (auxPas[j] == pa) {
                    throw RmiError.input(); // aux_alias
                }
            }
            if (pa == recPa) {
                throw RmiError.input(); // aux_alias
            }
            if (s.granules().findInState(pa, GranuleState.DELEGATED) == null) {
                throw RmiError.input(); // aux_state
            }
        }
        // Ascending address order (every aux PA was delegable when read above, so below 2^63: a signed sort
        // is the unsigned one).
        long[] sorted = Arrays.copyOf(auxPas, Rd.REC_AUX_COUNT);
        Arrays.sort(sorted);
        long highest = Long.compareUnsigned(recPa, rdPa) > 0 ? recPa : rdPa;
        List<Granule> locked = new ArrayList<>();
        for (int k = 0; k < Rd.REC_AUX_COUNT; k++) {
            long pa = sorted[k];
            Granule g = pa == rdPa ? null : s.granules().find(pa);
            if (g == null) {
                unlockAll(locked);
                throw RmiError.input(); // aux_state (the RD itself, or not delegable)
            }
            if (!GranuleTable.lockAfter(g, highest)) {
                unlockAll(locked);
                return null;
            }
            locked.add(g);
            if (Long.compareUnsigned(pa, highest) > 0) {
                highest = pa;
            }
            if (g.state() != GranuleState.DELEGATED) {
                unlockAll(locked);
                throw RmiError.input(); // aux_state
            }
        }
        List<Granule> inOrder = new ArrayList<>();
        for (int i = 0; i < Rd.REC_AUX_COUNT; i++) {
            inOrder.add(s.granules().find(auxPas[i]));
        }
        return inOrder;
    }

    private static void unlockAll(List<Granule> locked) {
        for (Granule g : locked) {
            g.unlock();
        }
    }

    /** Waits a little before another attempt after finding a granule busy out of lock order. */
    private static void backOff(int attempt) {
        if (attempt < 4) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /**
     * RMI_REC_DESTROY(rec). Failure conditions: rec_align, rec_bound, rec_gran_state → RMI_ERROR_INPUT;
     * rec_state (running) → RMI_ERROR_REC. Success: REC and aux granules scrubbed and DELEGATED, the vCPU
     * released, num_recs − 1 (rec_index is not reused).
     *
     * <p>Locks: the REC, then each auxiliary granule in turn; the RD's refcount drops atomically after the
     * REC is released, without the RD lock (TF-RMM {@code smc_rec_destroy}).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.13
     */
    public RmiResult destroy(long[] x) throws RmiError {
        Granule g = s.granules().findLock(x[1], GranuleState.REC);
        if (g == null) {
            throw RmiError.input(); // rec_align, rec_bound, rec_gran_state
        }
        Rec rec;
        try {
            rec = s.recOf(g);
            if (rec.isRunning()) {
                throw RmiError.rec(); // rec_state
            }
            rec.vcpu().close();
            for (Granule a : rec.aux()) {
                a.lock();
                try {
                    s.scrub(a);
                    a.transition(GranuleState.DELEGATED);
                } finally {
                    a.unlock();
                }
            }
            s.scrub(g);
            g.transition(GranuleState.DELEGATED);
            s.removeRec(rec);
        } finally {
            g.unlock();
        }
        rec.owner().granule().refcountDec();
        return RmiResult.success();
    }

    /**
     * RMI_PSCI_COMPLETE(calling_rec, target_rec, status). Failure conditions, all RMI_ERROR_INPUT, in
     * order: alias, calling_align, calling_bound, calling_state, target_align, target_bound, target_state,
     * pending (no PSCI request pending), owner (different realms), target (target's MPIDR is not the
     * requested one), status (PsciReturnCodePermitted: SUCCESS always, DENIED only for CPU_ON).
     * Success: the caller's X0 holds the PSCI result and X1..X3 zero; CPU_ON SUCCESS starts the target at
     * the requested entry with X0 = context id (ALREADY_ON if it was runnable); AFFINITY_INFO reports
     * ON/OFF. A failing call changes nothing (rmm.md §11 #5).
     *
     * <p>Locks: both RECs in address order. As in TF-RMM, a calling REC that is running has no request
     * pending, and a target that is running counts as on (its fields belong to its PE meanwhile).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.7, §B6
     */
    public RmiResult psciComplete(long[] x) throws RmiError {
        long callingPa = x[1];
        long targetPa = x[2];
        long status = x[3];
        if (callingPa == targetPa) {
            throw RmiError.input(); // alias
        }
        if (s.granules().findInState(callingPa, GranuleState.REC) == null) {
            throw RmiError.input(); // calling_align, calling_bound, calling_state (read before the locks)
        }
        if (!s.granules().findLockTwo(callingPa, GranuleState.REC, targetPa, GranuleState.REC)) {
            throw RmiError.input(); // calling_align, calling_bound, calling_state, target_*
        }
        Granule callingGranule = s.granules().find(callingPa);
        Granule targetGranule = s.granules().find(targetPa);
        try {
            Rec calling = s.recOf(callingGranule);
            Rec target = s.recOf(targetGranule);
            Rec.PendingPsci req = calling.isRunning() ? null : calling.psciPending();
            if (req == null) {
                throw RmiError.input(); // pending
            }
            if (calling.owner() != target.owner()) {
                throw RmiError.input(); // owner
            }
            if (target.mpidr() != req.targetMpidr()) {
                throw RmiError.input(); // target
            }
            boolean targetOn = target.isRunning() || target.isRunnable();
            if (!statusPermitted(req.fid(), status, targetOn)) {
                throw RmiError.input(); // status
            }
            calling.setPsciPending(null);
            RealmVcpu v = calling.vcpu();
            v.setX(0, psciResult(req, status, target, targetOn));
            v.setX(1, 0);
            v.setX(2, 0);
            v.setX(3, 0);
        } finally {
            targetGranule.unlock();
            callingGranule.unlock();
        }
        return RmiResult.success();
    }

    private static boolean isCpuOn(long fid) {
        return fid == RsiCommand.PSCI_CPU_ON_32.fid() || fid == RsiCommand.PSCI_CPU_ON_64.fid();
    }

    /** PsciReturnCodePermitted: SUCCESS always; DENIED only for CPU_ON of a target that is not on. */
    private static boolean statusPermitted(long fid, long status, boolean targetOn) {
        return status == PsciReturn.PSCI_SUCCESS.code()
            || (status == PsciReturn.PSCI_DENIED.code() && isCpuOn(fid) && !targetOn);
    }

    private static long psciResult(Rec.PendingPsci req, long status, Rec target, boolean targetOn) {
        if (status != PsciReturn.PSCI_SUCCESS.code()) {
            return status;
        }
        if (isCpuOn(req.fid())) {
            if (targetOn) {
                return PsciReturn.PSCI_ALREADY_ON.code();
            }
            RealmVcpu t = target.vcpu();
            for (int i = 0; i < 31; i++) {
                t.setX(i, 0);
            }
            t.setX(0, req.contextId());
            t.setPc(req.entry());
            target.setRunnable(true);
            return PsciReturn.PSCI_SUCCESS.code();
        }
        return targetOn ? PsciReturn.AFFINITY_ON : PsciReturn.AFFINITY_OFF;
    }
}
