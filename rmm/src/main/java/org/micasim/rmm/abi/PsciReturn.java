package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * PSCI return codes (signed, in X0) as a realm and the host's RMI_PSCI_COMPLETE status see them.
 *
 * @spec Arm DEN0022 PSCI 1.1 §5.2.2 (return error codes); DEN0137 1.0-rel0 §B6
 */
public enum PsciReturn {
    /** SUCCESS (also AFFINITY_INFO "ON"). */
    PSCI_SUCCESS(0),
    /** NOT_SUPPORTED. */
    PSCI_NOT_SUPPORTED(-1),
    /** INVALID_PARAMETERS. */
    PSCI_INVALID_PARAMETERS(-2),
    /** DENIED. */
    PSCI_DENIED(-3),
    /** ALREADY_ON. */
    PSCI_ALREADY_ON(-4),
    /** ON_PENDING. */
    PSCI_ON_PENDING(-5),
    /** INTERNAL_FAILURE. */
    PSCI_INTERNAL_FAILURE(-6),
    /** NOT_PRESENT. */
    PSCI_NOT_PRESENT(-7),
    /** DISABLED. */
    PSCI_DISABLED(-8),
    /** INVALID_ADDRESS. */
    PSCI_INVALID_ADDRESS(-9);

    /** AFFINITY_INFO result: the target is on. */
    public static final long AFFINITY_ON = 0;
    /** AFFINITY_INFO result: the target is off. */
    public static final long AFFINITY_OFF = 1;
    /** The PSCI version the RMM reports to realms: 1.1. */
    public static final long PSCI_VERSION_1_1 = 0x1_0001L;

    private final long code;

    PsciReturn(long code) {
        this.code = code;
    }

    /** The signed encoding in X0. */
    public long code() {
        return code;
    }

    /** The return code with this value, if PSCI defines one. */
    public static Optional<PsciReturn> fromCode(long code) {
        for (PsciReturn p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
