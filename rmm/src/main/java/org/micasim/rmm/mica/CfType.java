package org.micasim.rmm.mica;

/**
 * Kind of realm exit a control-transfer rule governs, the u16 {@code type} of a POLY v1 CF header
 * (mica.md §4.5). The parser normalises 0 to OTHER, as the published RMM does.
 */
public enum CfType {
    /** CF_TYPE_CALL = 1: synchronous exits; range values are ESR_EL2.EC values (0x17 = SMC64). */
    CALL(1),
    /** CF_TYPE_EXCEPTION = 2: asynchronous exits; range values are RmiRecExit exit reasons. */
    EXCEPTION(2),
    /** CF_TYPE_OTHER = 3: recorded and measured, never enforced. */
    OTHER(3);

    private final int code;

    CfType(int code) {
        this.code = code;
    }

    /** The u16 value in the CF header. */
    public int code() {
        return code;
    }

    /** The type with this code (0 normalised to OTHER), or null for a value outside 0..3. */
    static CfType ofCode(int code) {
        return switch (code) {
            case 0, 3 -> OTHER;
            case 1 -> CALL;
            case 2 -> EXCEPTION;
            default -> null;
        };
    }
}
