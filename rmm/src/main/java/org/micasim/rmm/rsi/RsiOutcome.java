package org.micasim.rmm.rsi;

import org.micasim.rmm.abi.RmiRecExit;

/**
 * What the RMM does after handling a realm's SMC (TF-RMM {@code rsi_action}).
 */
public sealed interface RsiOutcome {
    /** Results are in the vCPU's registers; complete the SMC (PC + 4) and resume the realm. */
    record ReturnToRealm() implements RsiOutcome {
    }

    /** Complete the SMC (PC + 4) and exit to the host with {@code exit}. */
    record ExitToHost(RmiRecExit exit) implements RsiOutcome {
    }

    /**
     * The realm named an IPA the RMM cannot access now (RIPAS RAM but unassigned, or DESTROYED): exit to
     * the host with an emulated stage-2 translation fault at {@code level} for {@code ipa}; the SMC is not
     * completed and runs again after the host mapped the granule.
     */
    record Stage2Fault(long ipa, int level) implements RsiOutcome {
    }

    /** The shared instance of {@link ReturnToRealm}. */
    RsiOutcome RETURN_TO_REALM = new ReturnToRealm();
}
