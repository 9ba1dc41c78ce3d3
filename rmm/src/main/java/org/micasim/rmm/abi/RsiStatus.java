package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RsiCommandReturnCode: X0 of an RSI command as the realm sees it.
 *
 * @spec Arm DEN0137 1.0-rel0 §B5.4.1 RsiCommandReturnCode
 */
public enum RsiStatus {
    /** Command completed successfully. */
    RSI_SUCCESS(0),
    /** The value of a command input was invalid. */
    RSI_ERROR_INPUT(1),
    /** The state of the realm or REC does not permit the command. */
    RSI_ERROR_STATE(2),
    /** The operation requested by the command is not complete; call again. */
    RSI_INCOMPLETE(3),
    /** An internal error (e.g. token generation failed). */
    RSI_ERROR_UNKNOWN(4);

    private final int code;

    RsiStatus(int code) {
        this.code = code;
    }

    /** The encoding in X0. */
    public int code() {
        return code;
    }

    /** The status with this code, if RSI 1.0 defines one. */
    public static Optional<RsiStatus> fromCode(long code) {
        for (RsiStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
