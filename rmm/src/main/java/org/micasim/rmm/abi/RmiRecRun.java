package org.micasim.rmm.abi;

import java.util.Arrays;

/**
 * RmiRecRun: the 4096-byte structure the host passes to RMI_REC_ENTER, the entry half followed by the
 * exit half.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.18 RmiRecRun
 */
public record RmiRecRun(RmiRecEnter enter, RmiRecExit exit) {
    public static final int SIZE = 0x1000;
    public static final int OFFSET_ENTER = 0x000;
    public static final int OFFSET_EXIT = 0x800;

    /** Splits a 4096-byte run image. */
    public static RmiRecRun decode(byte[] image) {
        LittleEndian.requireLength(image, SIZE, "RmiRecRun image");
        return new RmiRecRun(RmiRecEnter.decode(Arrays.copyOfRange(image, OFFSET_ENTER, OFFSET_EXIT)),
            RmiRecExit.decode(Arrays.copyOfRange(image, OFFSET_EXIT, SIZE)));
    }

    /** Joins both halves into the 4096-byte image. */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        System.arraycopy(enter.encode(), 0, b, OFFSET_ENTER, RmiRecEnter.SIZE);
        System.arraycopy(exit.encode(), 0, b, OFFSET_EXIT, RmiRecExit.SIZE);
        return b;
    }
}
