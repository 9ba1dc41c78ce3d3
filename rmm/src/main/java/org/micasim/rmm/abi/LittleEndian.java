package org.micasim.rmm.abi;

/** Little-endian field access in ABI structure images (every RMM structure is little-endian, §B4.4). */
final class LittleEndian {
    private LittleEndian() {
    }

    static long get64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }

    static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static int get8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int get16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long get32(byte[] b, int off) {
        return get64(b, off) & 0xFFFF_FFFFL;
    }

    static void requireLength(byte[] b, int len, String what) {
        if (b == null || b.length != len) {
            throw new IllegalArgumentException(what + " must be " + len + " bytes, got "
                + (b == null ? "null" : b.length));
        }
    }
}
