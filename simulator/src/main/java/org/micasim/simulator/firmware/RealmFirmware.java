package org.micasim.simulator.firmware;

/**
 * The firmware image that runs at R-EL2 (the RMM). The EL3 monitor dispatches to it; the simulator never
 * depends on any implementation (as TF-A dispatches to an RMM image it does not link against).
 */
public interface RealmFirmware {
    /**
     * Cold boot at R-EL2 (the RMM's boot entry): called once by the machine, after the GPT is enabled and
     * before any SMC, with the services this machine offers to R-EL2 software.
     */
    void boot(FirmwareServices services);

    /**
     * Handles an RMI call: an SMC from NS-EL2 with a function ID in the RMI range, after EL3 has saved the
     * Non-secure context and switched the PE to the Realm world. X0 holds the FID and X1..X6 the
     * arguments; the handler writes the status to X0 and the results to X1..X4. Returning models the
     * RMM's SMC RMM_RMI_REQ_COMPLETE (0xC400018F): the monitor then restores the Non-secure context.
     */
    void handleRmi(SmcContext call);
}
