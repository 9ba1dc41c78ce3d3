package org.micasim.rmm.mica;

/**
 * What happens to a governed realm exit, the u16 {@code policy} of a POLY v1 CF header (mica.md §4.5).
 * The parser normalises 0 to OTHER, as the published RMM does.
 */
public enum CfPolicy {
    /** CF_POLICY_BLOCK = 1: the exit does not reach the host (see docs/mica.md for asynchronous exits). */
    BLOCK(1),
    /** CF_POLICY_ALLOW = 2: the exit proceeds as in plain CCA. */
    ALLOW(2),
    /** CF_POLICY_OTHER = 3: recorded and measured, treated as ALLOW. */
    OTHER(3);

    private final int code;

    CfPolicy(int code) {
        this.code = code;
    }

    /** The u16 value in the CF header. */
    public int code() {
        return code;
    }

    /** The policy with this code (0 normalised to OTHER), or null for a value outside 0..3. */
    static CfPolicy ofCode(int code) {
        return switch (code) {
            case 0, 3 -> OTHER;
            case 1 -> BLOCK;
            case 2 -> ALLOW;
            default -> null;
        };
    }
}
