package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RmiStatusCode: the status part (bits 7:0) of an RMI command's X0.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.19 RmiStatusCode
 */
public enum RmiStatus {
    /** Command completed successfully. */
    RMI_SUCCESS(0),
    /** The value of a command input was invalid. */
    RMI_ERROR_INPUT(1),
    /** An attribute of a realm does not match the expected value; index carries detail. */
    RMI_ERROR_REALM(2),
    /** An attribute of a REC does not match the expected value. */
    RMI_ERROR_REC(3),
    /** An RTT walk terminated before reaching the target level; index = the level reached. */
    RMI_ERROR_RTT(4);

    private static final RmiStatus[] BY_CODE = {RMI_SUCCESS, RMI_ERROR_INPUT, RMI_ERROR_REALM,
        RMI_ERROR_REC, RMI_ERROR_RTT};

    private final int code;

    RmiStatus(int code) {
        this.code = code;
    }

    /** The encoding in X0 bits 7:0. */
    public int code() {
        return code;
    }

    /** The status with this code, if 1.0 defines one. */
    public static Optional<RmiStatus> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /** Looks a status up by its spec name, e.g. {@code RMI_ERROR_RTT}. */
    public static Optional<RmiStatus> byName(String name) {
        for (RmiStatus s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
