package org.micasim.simulator.guest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The program descriptor a realm image carries at the vCPU's entry PC, so that which program runs (and
 * with which parameters) is part of the measured realm contents. Layout, little-endian:
 * <pre>
 *   0  8 bytes  magic "MICAGST1"
 *   8  u32      name length N (1..64)
 *  12  u32      parameter length P (0..65536)
 *  16  N bytes  program name, UTF-8 ([A-Za-z0-9._-])
 *  16+N P bytes parameters
 * </pre>
 * The vCPU fetches it through stage 2 (as instruction fetches) the first time it runs.
 */
public final class GuestImage {
    /** The descriptor magic. */
    public static final byte[] MAGIC = "MICAGST1".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_BYTES = 16;
    public static final int MAX_NAME = 64;
    public static final int MAX_PARAMETERS = 65536;

    private GuestImage() {
    }

    /** The descriptor bytes for {@code program} with {@code parameters}. */
    public static byte[] descriptor(String program, byte[] parameters) {
        checkName(program);
        if (parameters.length > MAX_PARAMETERS) {
            throw new IllegalArgumentException("guest parameters are limited to " + MAX_PARAMETERS + " bytes, got " + parameters.length);
        }
        byte[] name = program.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + name.length + parameters.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(name.length).putInt(parameters.length).put(name).put(parameters);
        return b.array();
    }

    /** The descriptor padded with zeros to whole 4 KiB granules, ready to be loaded as realm data. */
    public static byte[] granules(String program, byte[] parameters) {
        byte[] d = descriptor(program, parameters);
        byte[] out = new byte[(d.length + 4095) & ~4095];
        System.arraycopy(d, 0, out, 0, d.length);
        return out;
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("guest program name must be 1.." + MAX_NAME + " of [A-Za-z0-9._-], got '" + name + "'");
        }
    }

    /** Parses a header: returns {name length, parameter length}, or null if it is not a descriptor. */
    static int[] parseHeader(byte[] header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                return null;
            }
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt(8);
        int p = b.getInt(12);
        if (n < 1 || n > MAX_NAME || p < 0 || p > MAX_PARAMETERS) {
            return null;
        }
        return new int[] {n, p};
    }
}
