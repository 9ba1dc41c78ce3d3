package org.micasim.rmm.rsi;

import java.util.Set;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rec.RecMpidr;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * The PSCI functions a realm may call, handled by the RMM (VERSION, FEATURES, SMCCC_VERSION) or
 * forwarded to the host as RMI_EXIT_PSCI (CPU_SUSPEND, CPU_OFF, CPU_ON, AFFINITY_INFO, SYSTEM_OFF,
 * SYSTEM_RESET). CPU_ON and AFFINITY_INFO wait for the host's RMI_PSCI_COMPLETE.
 *
 * @spec Arm DEN0137 1.0-rel0 §B6 (PSCI), §A4.3.6 (PSCI exits); PSCI 1.1 DEN0022; rmm.md §4
 */
public final class PsciFunctions {
    private static final Set<RsiCommand> FEATURES = Set.of(RsiCommand.PSCI_CPU_SUSPEND_32,
        RsiCommand.PSCI_CPU_SUSPEND_64, RsiCommand.PSCI_CPU_OFF, RsiCommand.PSCI_CPU_ON_32,
        RsiCommand.PSCI_CPU_ON_64, RsiCommand.PSCI_AFFINITY_INFO_32, RsiCommand.PSCI_AFFINITY_INFO_64,
        RsiCommand.PSCI_SYSTEM_OFF, RsiCommand.PSCI_SYSTEM_RESET, RsiCommand.PSCI_FEATURES,
        RsiCommand.SMCCC_VERSION);

    private PsciFunctions() {
    }

    private static RmiRecExit psciExit(long fid, long x1) {
        return RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_PSCI).setGpr(0, fid).setGpr(1, x1);
    }

    private static RsiOutcome reply(RealmVcpu v, long x0) {
        v.setX(0, x0);
        return RsiOutcome.RETURN_TO_REALM;
    }

    /** SMCCC_VERSION → 1.2. */
    public static RsiOutcome smcccVersion(Rec rec) {
        return reply(rec.vcpu(), SmcFid.SMCCC_VERSION_1_2);
    }

    /** PSCI_VERSION → 1.1. */
    public static RsiOutcome version(Rec rec) {
        return reply(rec.vcpu(), PsciReturn.PSCI_VERSION_1_1);
    }

    /** PSCI_FEATURES(fid): SUCCESS for the functions above, NOT_SUPPORTED otherwise. */
    public static RsiOutcome features(Rec rec) {
        long fid = rec.vcpu().x(1);
        boolean supported = RsiCommand.byFid(fid).map(FEATURES::contains).orElse(false);
        return reply(rec.vcpu(), supported ? PsciReturn.PSCI_SUCCESS.code() : PsciReturn.PSCI_NOT_SUPPORTED.code());
    }

    /** PSCI_CPU_SUSPEND: reported to the host; the realm sees SUCCESS. */
    public static RsiOutcome cpuSuspend(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long fid = v.x(0);
        RmiRecExit exit = psciExit(fid, v.x(1)).setGpr(2, v.x(2)).setGpr(3, v.x(3));
        v.setX(0, PsciReturn.PSCI_SUCCESS.code());
        return new RsiOutcome.ExitToHost(exit);
    }

    /** PSCI_CPU_OFF: the REC becomes not runnable; reported to the host. */
    public static RsiOutcome cpuOff(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long fid = v.x(0);
        rec.setRunnable(false);
        v.setX(0, PsciReturn.PSCI_SUCCESS.code());
        return new RsiOutcome.ExitToHost(psciExit(fid, 0));
    }

    /**
     * PSCI_CPU_ON(target, entry, context_id): entry not protected → INVALID_ADDRESS; target not an
     * existing REC → INVALID_PARAMETERS; target is the caller → ALREADY_ON; otherwise the request is
     * pending and forwarded (FID and target MPIDR only, as TF-RMM does).
     */
    public static RsiOutcome cpuOn(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long fid = v.x(0);
        long target = v.x(1);
        long entry = v.x(2);
        if (!rec.owner().s2().isProtected(entry)) {
            return reply(v, PsciReturn.PSCI_INVALID_ADDRESS.code());
        }
        if (!RecMpidr.isValid(target) || RecMpidr.index(target) >= rec.owner().recIndex()) {
            return reply(v, PsciReturn.PSCI_INVALID_PARAMETERS.code());
        }
        if (target == rec.mpidr()) {
            return reply(v, PsciReturn.PSCI_ALREADY_ON.code());
        }
        rec.setPsciPending(new Rec.PendingPsci(fid, target, entry, v.x(3)));
        return new RsiOutcome.ExitToHost(psciExit(fid, target));
    }

    /**
     * PSCI_AFFINITY_INFO(target, lowest_level): level ≠ 0 or target not an existing REC →
     * INVALID_PARAMETERS; the caller itself → ON; otherwise pending and forwarded.
     */
    public static RsiOutcome affinityInfo(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long fid = v.x(0);
        long target = v.x(1);
        if (v.x(2) != 0 || !RecMpidr.isValid(target) || RecMpidr.index(target) >= rec.owner().recIndex()) {
            return reply(v, PsciReturn.PSCI_INVALID_PARAMETERS.code());
        }
        if (target == rec.mpidr()) {
            return reply(v, PsciReturn.AFFINITY_ON);
        }
        rec.setPsciPending(new Rec.PendingPsci(fid, target, 0, 0));
        return new RsiOutcome.ExitToHost(psciExit(fid, target));
    }

    /** PSCI_SYSTEM_OFF / SYSTEM_RESET: the realm becomes SYSTEM_OFF for good; reported to the host. */
    public static RsiOutcome systemOff(Rec rec) {
        long fid = rec.vcpu().x(0);
        rec.owner().lock(); // TF-RMM psci_system_off_reset: the RD lock
        try {
            rec.owner().setState(RealmState.REALM_SYSTEM_OFF);
        } finally {
            rec.owner().unlock();
        }
        return new RsiOutcome.ExitToHost(psciExit(fid, 0));
    }
}
