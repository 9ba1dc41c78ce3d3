package org.micasim.rmm.mica;

/**
 * Why the last RSI_UPLOAD_POLICY of a realm ended as it did, for diagnostics (the realm itself only sees
 * RSI_SUCCESS or RSI_ERROR_INPUT, as published).
 *
 * @param stage  PARSER (code is a {@link PolicyError} code), VALIDATOR (a {@link ValidationCode} code),
 *               CALL (a failure of the call itself: address, RIPAS, second upload; code 0) or OK
 * @param code   the parser or validator code, 0 otherwise
 * @param detail a sentence naming what failed and where
 */
public record UploadOutcome(Stage stage, int code, String detail) {
    /** Which part of the upload decided the outcome. */
    public enum Stage {
        /** The policy was uploaded and activated. */
        OK,
        /** The call was refused before parsing. */
        CALL,
        /** The POLY v1 parser refused the policy. */
        PARSER,
        /** Validation or activation refused the policy. */
        VALIDATOR
    }
}
