package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RmiRecExitReason: why REC_ENTER returned to the host.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.16 RmiRecExitReason
 */
public enum RmiRecExitReason {
    /** Synchronous exception (data abort, WFx, ...). */
    RMI_EXIT_SYNC(0),
    /** IRQ. */
    RMI_EXIT_IRQ(1),
    /** FIQ. */
    RMI_EXIT_FIQ(2),
    /** PSCI request. */
    RMI_EXIT_PSCI(3),
    /** Realm-initiated RIPAS change request. */
    RMI_EXIT_RIPAS_CHANGE(4),
    /** RSI_HOST_CALL. */
    RMI_EXIT_HOST_CALL(5),
    /** SError. */
    RMI_EXIT_SERROR(6);

    private final int code;

    RmiRecExitReason(int code) {
        this.code = code;
    }

    /** The encoding in RmiRecExit.exit_reason. */
    public int code() {
        return code;
    }

    /** The reason with this code. */
    public static Optional<RmiRecExitReason> fromCode(long code) {
        for (RmiRecExitReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
