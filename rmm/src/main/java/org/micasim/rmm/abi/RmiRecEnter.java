package org.micasim.rmm.abi;

import java.util.Arrays;

/**
 * RmiRecEnter: the host-to-RMM half (first 2048 bytes) of RmiRecRun, read on every REC_ENTER.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.15 RmiRecEnter (offsets in rmm.md §6.3)
 */
public record RmiRecEnter(long flags, long[] gprs, long gicv3Hcr, long[] gicv3Lrs) {
    public static final int SIZE = 0x800;
    public static final int OFFSET_FLAGS = 0x000;
    public static final int OFFSET_GPRS = 0x200;
    public static final int OFFSET_GICV3_HCR = 0x300;
    public static final int OFFSET_GICV3_LRS = 0x308;
    /** Number of GPRs transferred (X0..X30). */
    public static final int NUM_GPRS = 31;
    /** Number of GIC list registers in the structure. */
    public static final int NUM_LRS = 16;

    /** RmiRecEnterFlags bit 0: complete an emulatable MMIO access. */
    public static final long FLAG_EMUL_MMIO = 1L;
    /** Bit 1: inject a synchronous external abort. */
    public static final long FLAG_INJECT_SEA = 1L << 1;
    /** Bit 2: trap WFI. */
    public static final long FLAG_TRAP_WFI = 1L << 2;
    /** Bit 3: trap WFE. */
    public static final long FLAG_TRAP_WFE = 1L << 3;
    /** Bit 4: RIPAS change response: 0 ACCEPT, 1 REJECT. */
    public static final long FLAG_RIPAS_RESPONSE = 1L << 4;

    public RmiRecEnter {
        gprs = gprs == null ? new long[NUM_GPRS] : gprs.clone();
        gicv3Lrs = gicv3Lrs == null ? new long[NUM_LRS] : gicv3Lrs.clone();
        if (gprs.length != NUM_GPRS || gicv3Lrs.length != NUM_LRS) {
            throw new IllegalArgumentException("RmiRecEnter needs 31 gprs and 16 list registers");
        }
    }

    /** An entry structure of all zeros except {@code flags}. */
    public static RmiRecEnter ofFlags(long flags) {
        return new RmiRecEnter(flags, null, 0, null);
    }

    @Override
    public long[] gprs() {
        return gprs.clone();
    }

    /** One GPR without copying the array. */
    public long gpr(int n) {
        return gprs[n];
    }

    @Override
    public long[] gicv3Lrs() {
        return gicv3Lrs.clone();
    }

    /** Reads the structure from its 2048-byte image (or the first 2048 bytes of a run image). */
    public static RmiRecEnter decode(byte[] image) {
        if (image == null || image.length < SIZE) {
            throw new IllegalArgumentException("RmiRecEnter image must have at least 2048 bytes");
        }
        long[] g = new long[NUM_GPRS];
        for (int i = 0; i < NUM_GPRS; i++) {
            g[i] = LittleEndian.get64(image, OFFSET_GPRS + 8 * i);
        }
        long[] lrs = new long[NUM_LRS];
        for (int i = 0; i < NUM_LRS; i++) {
            lrs[i] = LittleEndian.get64(image, OFFSET_GICV3_LRS + 8 * i);
        }
        return new RmiRecEnter(LittleEndian.get64(image, OFFSET_FLAGS), g,
            LittleEndian.get64(image, OFFSET_GICV3_HCR), lrs);
    }

    /** Writes the 2048-byte image. */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        LittleEndian.put64(b, OFFSET_FLAGS, flags);
        for (int i = 0; i < NUM_GPRS; i++) {
            LittleEndian.put64(b, OFFSET_GPRS + 8 * i, gprs[i]);
        }
        LittleEndian.put64(b, OFFSET_GICV3_HCR, gicv3Hcr);
        for (int i = 0; i < NUM_LRS; i++) {
            LittleEndian.put64(b, OFFSET_GICV3_LRS + 8 * i, gicv3Lrs[i]);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmiRecEnter e && Arrays.equals(encode(), e.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return String.format("RmiRecEnter[flags=0x%x, gprs=%s, gicv3_hcr=0x%x]", flags, Arrays.toString(gprs),
            gicv3Hcr);
    }
}
