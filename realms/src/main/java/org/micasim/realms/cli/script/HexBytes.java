package org.micasim.realms.cli.script;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string written in a script as hex digit pairs in memory order ({@code 0011ff}). */
public final class HexBytes {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private HexBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static HexBytes copyOf(byte[] bytes) {
        return new HexBytes(bytes.clone());
    }

    /** Parses an even number of hex digits; the caller has already checked the digits. */
    static HexBytes parse(String digits) {
        return new HexBytes(HEX.parseHex(digits));
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HexBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes as lower-case hex digit pairs, the form a script writes them in. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
