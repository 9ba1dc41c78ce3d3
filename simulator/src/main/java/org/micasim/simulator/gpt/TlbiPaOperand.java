package org.micasim.simulator.gpt;

/**
 * The operand of TLBI RPALOS / RPAOS (Arm ARM DDI0487 §D8.14 TLBI by PA; TF-A tlbirpalos helpers):
 * bits [39:0] hold PA[51:12], SIZE in [47:44] (0 = 4 KiB, 1 = 16 KiB, 2 = 64 KiB, 3 = 2 MiB, 4 = 32 MiB,
 * 5 = 512 MiB, 6 = 1 GiB, 7 = 16 GiB, 8 = 64 GiB, 9 = 512 GiB). The range is the SIZE-aligned block that
 * holds the address.
 */
public record TlbiPaOperand(long pa, int size) {
    private static final int[] SIZE_SHIFT = {12, 14, 16, 21, 25, 29, 30, 34, 36, 39};

    public TlbiPaOperand {
        if (size < 0 || size >= SIZE_SHIFT.length) {
            throw new IllegalArgumentException("TLBI PA range SIZE must be 0..9, got " + size);
        }
    }

    /** Decodes a register operand. */
    public static TlbiPaOperand decode(long operand) {
        return new TlbiPaOperand((operand & 0xFF_FFFF_FFFFL) << 12, (int) (operand >>> 44) & 0xF);
    }

    /** The operand for the block of {@code bytes} (one of the SIZE values) that holds {@code pa}. */
    public static TlbiPaOperand covering(long pa, long bytes) {
        for (int i = 0; i < SIZE_SHIFT.length; i++) {
            if (1L << SIZE_SHIFT[i] == bytes) {
                return new TlbiPaOperand(pa, i);
            }
        }
        throw new IllegalArgumentException("no TLBI PA range SIZE for " + bytes + " bytes");
    }

    /** The register value. */
    public long encode() {
        return ((pa >>> 12) & 0xFF_FFFF_FFFFL) | ((long) size << 44);
    }

    /** Bytes in the range. */
    public long bytes() {
        return 1L << SIZE_SHIFT[size];
    }

    /** First PA of the range (the address aligned down to the range size). */
    public long base() {
        return pa & -bytes();
    }
}
