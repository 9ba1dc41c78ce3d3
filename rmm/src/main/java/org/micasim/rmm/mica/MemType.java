package org.micasim.rmm.mica;

/** Kind of a policy memory object, the u16 {@code type} of a POLY v1 MEM header (mica.md §4.5). */
public enum MemType {
    /** MEM_PROTECTED = 1: realm-to-realm shared protected memory. */
    PROTECTED(1),
    /** MEM_UNPROTECTED = 2: memory shared with the host (keep ranges of a strict gateway). */
    UNPROTECTED(2);

    private final int code;

    MemType(int code) {
        this.code = code;
    }

    /** The u16 value in the MEM header. */
    public int code() {
        return code;
    }

    /** The type with this code, or null (MEM_OTHER = 3 and anything else are refused by the parser). */
    static MemType ofCode(int code) {
        return switch (code) {
            case 1 -> PROTECTED;
            case 2 -> UNPROTECTED;
            default -> null;
        };
    }
}
