package org.micasim.rmm.rmi;

import java.util.ArrayList;
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
        RttChecks.rd(s, x[1]);
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
     * @spec Arm DEN0137 1.0-rel0 §B4.3.12; measurement §A7.1.3
     */
    public RmiResult create(long[] x) throws RmiError {
        long recPa = x[2];
        long paramsPtr = x[3];
        if (!HostMemory.isNsGranule(s, paramsPtr)) {
            throw RmiError.input(); // params_align, params_bound, params_pas
        }
        RmiRecParams p = RmiRecParams.decode(HostMemory.read(s, paramsPtr, RmiRecParams.SIZE));
        Granule recGranule = s.granules().find(recPa);
        if (recGranule == null || recGranule.state() != GranuleState.DELEGATED) {
            throw RmiError.input(); // rec_align, rec_bound, rec_state
        }
        Rd rd = RttChecks.rd(s, x[1]);
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
        List<Granule> aux = checkAux(p.aux(), recPa);
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
        return RmiResult.success();
    }

    /** aux_align, aux_alias, aux_state, checked for aux[0], aux[1], ... in turn. */
    private List<Granule> checkAux(long[] auxPas, long recPa) throws RmiError {
        List<Granule> aux = new ArrayList<>();
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
            Granule g = s.granules().find(pa);
            if (g == null || g.state() != GranuleState.DELEGATED) {
                throw RmiError.input(); // aux_state
            }
            aux.add(g);
        }
        return aux;
    }

    /**
     * RMI_REC_DESTROY(rec). Failure conditions: rec_align, rec_bound, rec_gran_state → RMI_ERROR_INPUT;
     * rec_state (running) → RMI_ERROR_REC. Success: REC and aux granules scrubbed and DELEGATED, the vCPU
     * released, num_recs − 1 (rec_index is not reused).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.13
     */
    public RmiResult destroy(long[] x) throws RmiError {
        Rec rec = s.recAt(x[1]);
        if (rec == null) {
            throw RmiError.input(); // rec_align, rec_bound, rec_gran_state
        }
        if (rec.isRunning()) {
            throw RmiError.rec(); // rec_state
        }
        rec.vcpu().close();
        for (Granule g : rec.aux()) {
            s.scrub(g);
            g.transition(GranuleState.DELEGATED);
        }
        s.scrub(rec.granule());
        rec.granule().transition(GranuleState.DELEGATED);
        s.removeRec(rec);
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
     * @spec Arm DEN0137 1.0-rel0 §B4.3.7, §B6
     */
    public RmiResult psciComplete(long[] x) throws RmiError {
        long callingPa = x[1];
        long targetPa = x[2];
        long status = x[3];
        if (callingPa == targetPa) {
            throw RmiError.input(); // alias
        }
        Rec calling = s.recAt(callingPa);
        if (calling == null) {
            throw RmiError.input(); // calling_align, calling_bound, calling_state
        }
        Rec target = s.recAt(targetPa);
        if (target == null) {
            throw RmiError.input(); // target_align, target_bound, target_state
        }
        Rec.PendingPsci req = calling.psciPending();
        if (req == null) {
            throw RmiError.input(); // pending
        }
        if (calling.owner() != target.owner()) {
            throw RmiError.input(); // owner
        }
        if (target.mpidr() != req.targetMpidr()) {
            throw RmiError.input(); // target
        }
        if (!statusPermitted(req.fid(), status, target)) {
            throw RmiError.input(); // status
        }
        calling.setPsciPending(null);
        RealmVcpu v = calling.vcpu();
        v.setX(0, psciResult(req, status, target));
        v.setX(1, 0);
        v.setX(2, 0);
        v.setX(3, 0);
        return RmiResult.success();
    }

    private static boolean isCpuOn(long fid) {
        return fid == RsiCommand.PSCI_CPU_ON_32.fid() || fid == RsiCommand.PSCI_CPU_ON_64.fid();
    }

    /** PsciReturnCodePermitted: SUCCESS always; DENIED only for CPU_ON of a target that is not runnable. */
    private static boolean statusPermitted(long fid, long status, Rec target) {
        return status == PsciReturn.PSCI_SUCCESS.code()
            || (status == PsciReturn.PSCI_DENIED.code() && isCpuOn(fid) && !target.isRunnable());
    }

    private static long psciResult(Rec.PendingPsci req, long status, Rec target) {
        if (status != PsciReturn.PSCI_SUCCESS.code()) {
            return status;
        }
        if (isCpuOn(req.fid())) {
            if (target.isRunnable()) {
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
        return target.isRunnable() ? PsciReturn.AFFINITY_ON : PsciReturn.AFFINITY_OFF;
    }
}
