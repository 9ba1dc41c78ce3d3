package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;

/**
 * RMI_GRANULE_DELEGATE and RMI_GRANULE_UNDELEGATE: moving a granule between the host and the RMM, with
 * the GPT changed by EL3 (GTSI). Each holds the one granule's lock (TF-RMM {@code smc_granule_delegate},
 * {@code smc_granule_undelegate}).
 */
public final class GranuleCommands {
    private final RmmState s;

    public GranuleCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_GRANULE_DELEGATE(addr). Failure conditions, in order: gran_align, gran_bound, gran_state
     * (not UNDELEGATED), gran_gpt (EL3 refuses: GPI not NS) — all RMI_ERROR_INPUT. Success: GPT Realm,
     * state DELEGATED, contents zeroed (the DELEGATED invariant).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.5
     */
    public RmiResult delegate(long[] x) throws RmiError {
        long addr = x[1];
        Granule g = s.granules().findLock(addr, GranuleState.UNDELEGATED);
        if (g == null) {
            throw RmiError.input(); // gran_align, gran_bound, gran_state
        }
        try {
            if (!s.el3().delegate(addr)) {
                throw RmiError.input(); // gran_gpt
            }
            g.transition(GranuleState.DELEGATED);
            s.scrub(g);
        } finally {
            g.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_GRANULE_UNDELEGATE(addr). Failure conditions: gran_align, gran_bound, gran_state (not
     * DELEGATED) — RMI_ERROR_INPUT. Success: GPT NS, state UNDELEGATED; the contents are already zero
     * (a DELEGATED granule holds only zeros).
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.6
     */
    public RmiResult undelegate(long[] x) throws RmiError {
        long addr = x[1];
        Granule g = s.granules().findLock(addr, GranuleState.DELEGATED);
        if (g == null) {
            throw RmiError.input(); // gran_align, gran_bound, gran_state
        }
        try {
            s.el3().undelegate(addr);
            g.transition(GranuleState.UNDELEGATED);
        } finally {
            g.unlock();
        }
        return RmiResult.success();
    }
}
