package org.micasim.rmm.mica;

/**
 * Access a mapping grants to a shared memory object, as encoded in a POLY v1 MAP record (mica.md §4.5).
 * The values coincide with the stage-2 S2AP encoding: bit 0 read, bit 1 write.
 */
public enum Prot {
    /** PROT_R = 1: read only (S2AP 0b01). */
    R(1),
    /** PROT_W = 2: write only (S2AP 0b10). */
    W(2),
    /** PROT_RW = 3: read and write (S2AP 0b11). */
    RW(3);

    private final int code;

    Prot(int code) {
        this.code = code;
    }

    /** The u16 value in the MAP record, equal to the S2AP field. */
    public int code() {
        return code;
    }

    /** Whether the mapping lets the realm read the object. */
    public boolean readable() {
        return (code & 1) != 0;
    }

    /** Whether the mapping lets the realm write the object. */
    public boolean writable() {
        return (code & 2) != 0;
    }

    /** The protection with this code, or null when the code is not 1, 2 or 3. */
    static Prot ofCode(int code) {
        return switch (code) {
            case 1 -> R;
            case 2 -> W;
            case 3 -> RW;
            default -> null;
        };
    }
}
