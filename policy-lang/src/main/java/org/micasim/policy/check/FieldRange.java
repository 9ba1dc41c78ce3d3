package org.micasim.policy.check;

import java.math.BigInteger;

/**
 * The integer range of a POLY v1 field a source value is stored in (mica.md §4.5).
 */
public enum FieldRange {
    U32("u32", BigInteger.ZERO, BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)),
    U64("u64", BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
    I32("i32", BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));

    private final String type;
    private final BigInteger min;
    private final BigInteger max;

    FieldRange(String type, BigInteger min, BigInteger max) {
        this.type = type;
        this.min = min;
        this.max = max;
    }

    public boolean contains(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** "u32 (0 to 0xffffffff)" */
    public String describe() {
        return this == I32 ? type + " (" + min + " to " + max + ")" : type + " (0 to 0x" + max.toString(16) + ")";
    }
}
