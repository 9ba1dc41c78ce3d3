package org.micasim.rmm;

import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.MonitorResult;

/**
 * The RMM's calls to the EL3 monitor (SMC from R-EL2).
 *
 * @spec TF-A rmm-el3-comms-spec (RMM-EL3 interface 0.3); hw.md §1.11, rmm.md §9.3
 */
public final class RmmEl3Interface {
    /** RMM_GTSI_DELEGATE: X1 = PA; NS → Realm. */
    public static final long RMM_GTSI_DELEGATE = 0xC400_01B0L;
    /** RMM_GTSI_UNDELEGATE: X1 = PA; Realm → NS. */
    public static final long RMM_GTSI_UNDELEGATE = 0xC400_01B1L;
    /** RMM_ATTEST_GET_REALM_KEY: X1 = buffer PA, X2 = size, X3 = curve (0 = P-384). */
    public static final long RMM_ATTEST_GET_REALM_KEY = 0xC400_01B2L;
    /** RMM_ATTEST_GET_PLAT_TOKEN: X1 = buffer PA, X2 = size, X3 = challenge size. */
    public static final long RMM_ATTEST_GET_PLAT_TOKEN = 0xC400_01B3L;
    /** E_RMM_OK. */
    public static final long E_RMM_OK = 0;
    /** E_RMM_AGAIN: call again for the next hunk. */
    public static final long E_RMM_AGAIN = -6;

    private final FirmwareServices services;

    public RmmEl3Interface(FirmwareServices services) {
        this.services = services;
    }

    /** Asks EL3 to move the granule at {@code pa} from the NS to the Realm PAS; true on E_RMM_OK. */
    public boolean delegate(long pa) {
        MonitorResult r = services.monitorCall(RMM_GTSI_DELEGATE, pa);
        return r.x0() == E_RMM_OK;
    }

    /**
     * Returns the granule at {@code pa} to the NS PAS. EL3 refusing is an RMM panic: the RMM's own
     * bookkeeping says the granule is Realm (TF-RMM panics too).
     */
    public void undelegate(long pa) {
        MonitorResult r = services.monitorCall(RMM_GTSI_UNDELEGATE, pa);
        if (r.x0() != E_RMM_OK) {
            throw new RmmPanic(String.format("EL3 refused RMM_GTSI_UNDELEGATE of 0x%x: %d", pa, r.x0()));
        }
    }
}
