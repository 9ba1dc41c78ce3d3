package org.micasim.rmm.mica;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian field access for the Mica structures (POLY v1, the descriptor image, the SGT blob). The
 * 32- and 64-bit fields go through byte-array views, one access each instead of one per byte.
 */
final class LittleEndian {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u32(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    static long u64(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int at, int v) {
        INT.set(b, at, v);
    }

    static void put64(byte[] b, int at, long v) {
        LONG.set(b, at, v);
    }
}
