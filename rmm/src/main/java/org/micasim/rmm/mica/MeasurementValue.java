package org.micasim.rmm.mica;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 64-byte measurement buffer as the RMM keeps RIM and REMs (rmm.md §7): the digest of the realm's
 * hash algorithm, zero-filled above the digest size. Immutable; equality is by content.
 */
public final class MeasurementValue {
    /** Size of every measurement slot, whatever the hash algorithm. */
    public static final int SIZE = 64;

    /** The all-zero buffer: an unused slot, or "no expected RIM" in a policy descriptor. */
    public static final MeasurementValue ZERO = new MeasurementValue(new byte[SIZE]);

    private final byte[] bytes;

    private MeasurementValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A measurement from a digest of at most 64 bytes, zero-padded to 64. */
    public static MeasurementValue of(byte[] digest) {
        if (digest.length > SIZE) {
            throw new IllegalArgumentException("a measurement holds at most 64 bytes, got " + digest.length);
        }
        return new MeasurementValue(Arrays.copyOf(digest, SIZE));
    }

    /** A copy of the 64 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the 64 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, SIZE);
    }

    /** The first {@code length} bytes (the digest itself for a hash of that size). */
    public byte[] prefix(int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** Whether all 64 bytes are zero. */
    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasurementValue m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        int end = SIZE;
        while (end > 32 && bytes[end - 1] == 0) {
            end--;
        }
        return HexFormat.of().formatHex(bytes, 0, end <= 32 ? 32 : SIZE);
    }
}
