package org.micasim.rmm.rec;

import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.realm.Rd;

/**
 * Extension hook on the REC run loop for control-transfer rules (Mica). The default implementations
 * change nothing.
 *
 * <ul>
 *   <li>{@link #allowRealmSmc} is consulted for every SMC the realm executes (RSI, PSCI, host call, any
 *   FID), before the RMM handles it. Returning false blocks the call as Mica does: X0 = RSI_ERROR_STATE,
 *   PC advances past the SMC, the realm resumes, nothing else happens.</li>
 *   <li>{@link #beforeExitToHost} sees every REC exit (SYNC, IRQ, FIQ, PSCI, RIPAS_CHANGE, HOST_CALL,
 *   SERROR) after the RMM filled RmiRecExit and before it is written to the host's RmiRecRun.</li>
 * </ul>
 *
 * Both run on the PE running the REC, which is in use and holds no granule lock; other PEs may be in the
 * RMM at the same time, so a filter guards its own state (Mica takes its lock).
 */
public interface RealmExitFilter {
    default boolean allowRealmSmc(Rd rd, Rec rec, long fid) {
        return true;
    }

    default void beforeExitToHost(Rd rd, Rec rec, RmiRecExit exit) {
    }
}
