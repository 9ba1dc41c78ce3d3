package org.micasim.rmm.abi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * RmiRecParams: the parameters of RMI_REC_CREATE, a 4096-byte little-endian structure in a Non-secure
 * granule.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.17 RmiRecParams (offsets in rmm.md §6.2)
 */
public record RmiRecParams(long flags, long mpidr, long pc, long[] gprs, long numAux, long[] aux) {
    public static final int SIZE = 0x1000;
    public static final int OFFSET_FLAGS = 0x000;
    public static final int OFFSET_MPIDR = 0x100;
    public static final int OFFSET_PC = 0x200;
    public static final int OFFSET_GPRS = 0x300;
    public static final int OFFSET_NUM_AUX = 0x800;
    public static final int OFFSET_AUX = 0x808;
    /** Number of GPRs a REC is created with (X0..X7). */
    public static final int NUM_GPRS = 8;
    /** Maximum number of auxiliary granules. */
    public static final int MAX_AUX = 16;
    /** RmiRecCreateFlags bit 0: the REC is RUNNABLE. */
    public static final long FLAG_RUNNABLE = 1L;

    /** Field names as {@link #with(String, long)} accepts them: spec names, arrays as gprs0.., aux0... */
    public static final List<String> FIELD_NAMES;

    static {
        List<String> names = new ArrayList<>(List.of("flags", "mpidr", "pc"));
        for (int i = 0; i < NUM_GPRS; i++) {
            names.add("gprs" + i);
        }
        names.add("num_aux");
        for (int i = 0; i < MAX_AUX; i++) {
            names.add("aux" + i);
        }
        FIELD_NAMES = Collections.unmodifiableList(names);
    }

    public RmiRecParams {
        gprs = gprs == null ? new long[NUM_GPRS] : gprs.clone();
        aux = aux == null ? new long[MAX_AUX] : aux.clone();
        if (gprs.length != NUM_GPRS || aux.length != MAX_AUX) {
            throw new IllegalArgumentException("RmiRecParams needs 8 gprs and 16 aux addresses");
        }
    }

    /** A structure of all zeros. */
    public static RmiRecParams zero() {
        return new RmiRecParams(0, 0, 0, null, 0, null);
    }

    @Override
    public long[] gprs() {
        return gprs.clone();
    }

    @Override
    public long[] aux() {
        return aux.clone();
    }

    /** Reads the structure from its 4096-byte image. */
    public static RmiRecParams decode(byte[] image) {
        LittleEndian.requireLength(image, SIZE, "RmiRecParams image");
        long[] g = new long[NUM_GPRS];
        for (int i = 0; i < NUM_GPRS; i++) {
            g[i] = LittleEndian.get64(image, OFFSET_GPRS + 8 * i);
        }
        long[] a = new long[MAX_AUX];
        for (int i = 0; i < MAX_AUX; i++) {
            a[i] = LittleEndian.get64(image, OFFSET_AUX + 8 * i);
        }
        return new RmiRecParams(LittleEndian.get64(image, OFFSET_FLAGS), LittleEndian.get64(image, OFFSET_MPIDR),
            LittleEndian.get64(image, OFFSET_PC), g, LittleEndian.get64(image, OFFSET_NUM_AUX), a);
    }

    /** Writes the 4096-byte image; bytes outside the fields are zero. */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        LittleEndian.put64(b, OFFSET_FLAGS, flags);
        LittleEndian.put64(b, OFFSET_MPIDR, mpidr);
        LittleEndian.put64(b, OFFSET_PC, pc);
        for (int i = 0; i < NUM_GPRS; i++) {
            LittleEndian.put64(b, OFFSET_GPRS + 8 * i, gprs[i]);
        }
        LittleEndian.put64(b, OFFSET_NUM_AUX, numAux);
        for (int i = 0; i < MAX_AUX; i++) {
            LittleEndian.put64(b, OFFSET_AUX + 8 * i, aux[i]);
        }
        return b;
    }

    /**
     * A copy with one field set; {@code field} is a name from {@link #FIELD_NAMES}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public RmiRecParams with(String field, long value) {
        byte[] b = encode();
        LittleEndian.put64(b, offsetOf(field), value);
        return decode(b);
    }

    private static int offsetOf(String field) {
        switch (field) {
            case "flags":
                return OFFSET_FLAGS;
            case "mpidr":
                return OFFSET_MPIDR;
            case "pc":
                return OFFSET_PC;
            case "num_aux":
                return OFFSET_NUM_AUX;
            default:
                break;
        }
        int i = FIELD_NAMES.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException("unknown RmiRecParams field '" + field + "'; expected flags, "
                + "mpidr, pc, gprs0..gprs7, num_aux or aux0..aux15");
        }
        return field.startsWith("gprs") ? OFFSET_GPRS + 8 * Integer.parseInt(field.substring(4))
            : OFFSET_AUX + 8 * Integer.parseInt(field.substring(3));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmiRecParams p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return String.format("RmiRecParams[flags=0x%x, mpidr=0x%x, pc=0x%x, gprs=%s, num_aux=%d, aux=%s]", flags,
            mpidr, pc, Arrays.toString(gprs), numAux, Arrays.toString(aux));
    }
}
