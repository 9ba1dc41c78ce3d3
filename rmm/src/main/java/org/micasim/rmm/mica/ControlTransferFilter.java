package org.micasim.rmm.mica;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.RealmExitFilter;
import org.micasim.rmm.rec.Rec;

/**
 * Enforces the transition table on a realm's exits (mica.md §2.6; docs/mica.md §7), once the realm has
 * uploaded its policy and so has an identity:
 * <ul>
 *   <li>CALL rule with selector 0x17 (ESR_EL2.EC of an SMC from AArch64) and BLOCK: an SMC that would
 *   reach the host is not handled; the realm gets RSI_ERROR_STATE and the host sees nothing. SMCs the RMM
 *   answers itself are unaffected.</li>
 *   <li>EXCEPTION rule with selector = exit reason (IRQ 1, FIQ 2, SERROR 6) and BLOCK: the exit still
 *   reaches the host, which owns the physical interrupt, but without realm-controlled data.</li>
 * </ul>
 */
final class ControlTransferFilter implements RealmExitFilter {
    /** ESR_EL2.EC of an SMC executed in AArch64 state. */
    static final int EC_SMC64 = 0x17;

    /** Realm SMCs whose handling transfers control (and data) to the host. */
    static final Set<RsiCommand> HOST_REACHING = EnumSet.of(RsiCommand.RSI_HOST_CALL, RsiCommand.RSI_IPA_STATE_SET,
            RsiCommand.PSCI_CPU_SUSPEND_32, RsiCommand.PSCI_CPU_SUSPEND_64, RsiCommand.PSCI_CPU_OFF,
            RsiCommand.PSCI_CPU_ON_32, RsiCommand.PSCI_CPU_ON_64, RsiCommand.PSCI_AFFINITY_INFO_32,
            RsiCommand.PSCI_AFFINITY_INFO_64, RsiCommand.PSCI_SYSTEM_OFF, RsiCommand.PSCI_SYSTEM_RESET);

    /** Exits that happen whatever the realm does; BLOCK scrubs them. */
    static final Set<RmiRecExitReason> ASYNCHRONOUS = EnumSet.of(RmiRecExitReason.RMI_EXIT_IRQ,
            RmiRecExitReason.RMI_EXIT_FIQ, RmiRecExitReason.RMI_EXIT_SERROR);

    private final MicaState m;

    ControlTransferFilter(MicaState m) {
        this.m = m;
    }

    @Override
    public boolean allowRealmSmc(Rd rd, Rec rec, long fid) {
        Optional<RsiCommand> cmd = RsiCommand.byFid(fid);
        if (cmd.isEmpty() || !HOST_REACHING.contains(cmd.get())) {
            return true;
        }
        return policy(rd, CfType.CALL, EC_SMC64) != CfPolicy.BLOCK;
    }

    @Override
    public void beforeExitToHost(Rd rd, Rec rec, RmiRecExit exit) {
        RmiRecExitReason reason = exit.exitReason();
        if (!ASYNCHRONOUS.contains(reason) || policy(rd, CfType.EXCEPTION, reason.code()) != CfPolicy.BLOCK) {
            return;
        }
        exit.setEsr(0).setFar(0).setHpfar(0);
        for (int i = 0; i < RmiRecExit.NUM_GPRS; i++) {
            exit.setGpr(i, 0);
        }
    }

    /**
     * The rule for this realm's identity; ALLOW before its upload (no identity, nothing blocked). Read
     * under the Mica lock on the running REC's PE, which holds no granule lock.
     */
    private CfPolicy policy(Rd rd, CfType type, int selector) {
        m.lock();
        try {
            if (!m.uploaded(rd.pa())) {
                return CfPolicy.ALLOW;
            }
            return PolicyUploadFunction.identityOf(m, rd.pa())
                    .map(id -> m.transitions().policyFor(new TransitionTable.Key(id, type, selector)))
                    .orElse(CfPolicy.ALLOW);
        } finally {
            m.unlock();
        }
    }
}
