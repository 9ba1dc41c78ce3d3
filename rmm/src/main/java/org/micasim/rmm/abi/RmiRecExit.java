package org.micasim.rmm.abi;

import java.util.Arrays;

/**
 * RmiRecExit: the RMM-to-host half (bytes 0x800..0xFFF) of RmiRecRun, written at the end of every
 * successful REC_ENTER. It is a view over its 2048-byte image with a typed accessor per field; every
 * field not set for the exit reason stays zero (TF-RMM zeroes the whole structure first).
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.16 RmiRecExit (offsets in rmm.md §6.3, relative to the exit half)
 */
public final class RmiRecExit {
    public static final int SIZE = 0x800;
    public static final int OFFSET_EXIT_REASON = 0x000;
    public static final int OFFSET_ESR = 0x100;
    public static final int OFFSET_FAR = 0x108;
    public static final int OFFSET_HPFAR = 0x110;
    public static final int OFFSET_GPRS = 0x200;
    public static final int OFFSET_GICV3_HCR = 0x300;
    public static final int OFFSET_GICV3_LRS = 0x308;
    public static final int OFFSET_GICV3_MISR = 0x388;
    public static final int OFFSET_GICV3_VMCR = 0x390;
    public static final int OFFSET_CNTP_CTL = 0x400;
    public static final int OFFSET_CNTP_CVAL = 0x408;
    public static final int OFFSET_CNTV_CTL = 0x410;
    public static final int OFFSET_CNTV_CVAL = 0x418;
    public static final int OFFSET_RIPAS_BASE = 0x500;
    public static final int OFFSET_RIPAS_TOP = 0x508;
    public static final int OFFSET_RIPAS_VALUE = 0x510;
    public static final int OFFSET_IMM = 0x600;
    public static final int OFFSET_PMU_OVF_STATUS = 0x700;
    public static final int NUM_GPRS = 31;

    private final byte[] image;

    private RmiRecExit(byte[] image) {
        this.image = image;
    }

    /** An all-zero exit structure. */
    public static RmiRecExit zero() {
        return new RmiRecExit(new byte[SIZE]);
    }

    /** Reads the structure from its 2048-byte image (copied). */
    public static RmiRecExit decode(byte[] image) {
        LittleEndian.requireLength(image, SIZE, "RmiRecExit image");
        return new RmiRecExit(image.clone());
    }

    /** The 2048-byte image (a copy). */
    public byte[] encode() {
        return image.clone();
    }

    private long get(int off) {
        return LittleEndian.get64(image, off);
    }

    private RmiRecExit put(int off, long v) {
        LittleEndian.put64(image, off, v);
        return this;
    }

    public long exitReasonCode() {
        return get(OFFSET_EXIT_REASON);
    }

    /** The exit reason; throws if the code is not a 1.0 RmiRecExitReason. */
    public RmiRecExitReason exitReason() {
        return RmiRecExitReason.fromCode(exitReasonCode()).orElseThrow(() -> new IllegalStateException(
            "exit_reason " + exitReasonCode() + " is not an RmiRecExitReason"));
    }

    public RmiRecExit setExitReason(RmiRecExitReason r) {
        return put(OFFSET_EXIT_REASON, r.code());
    }

    public long esr() {
        return get(OFFSET_ESR);
    }

    public RmiRecExit setEsr(long v) {
        return put(OFFSET_ESR, v);
    }

    public long far() {
        return get(OFFSET_FAR);
    }

    public RmiRecExit setFar(long v) {
        return put(OFFSET_FAR, v);
    }

    public long hpfar() {
        return get(OFFSET_HPFAR);
    }

    public RmiRecExit setHpfar(long v) {
        return put(OFFSET_HPFAR, v);
    }

    public long gpr(int n) {
        checkGpr(n);
        return get(OFFSET_GPRS + 8 * n);
    }

    public RmiRecExit setGpr(int n, long v) {
        checkGpr(n);
        return put(OFFSET_GPRS + 8 * n, v);
    }

    private static void checkGpr(int n) {
        if (n < 0 || n >= NUM_GPRS) {
            throw new IllegalArgumentException("gpr index must be 0..30, got " + n);
        }
    }

    public long gicv3Hcr() {
        return get(OFFSET_GICV3_HCR);
    }

    public RmiRecExit setGicv3Hcr(long v) {
        return put(OFFSET_GICV3_HCR, v);
    }

    public long gicv3Lr(int n) {
        return get(OFFSET_GICV3_LRS + 8 * n);
    }

    public RmiRecExit setGicv3Lr(int n, long v) {
        return put(OFFSET_GICV3_LRS + 8 * n, v);
    }

    public long gicv3Misr() {
        return get(OFFSET_GICV3_MISR);
    }

    public long gicv3Vmcr() {
        return get(OFFSET_GICV3_VMCR);
    }

    public long cntpCtl() {
        return get(OFFSET_CNTP_CTL);
    }

    public long cntpCval() {
        return get(OFFSET_CNTP_CVAL);
    }

    public long cntvCtl() {
        return get(OFFSET_CNTV_CTL);
    }

    public long cntvCval() {
        return get(OFFSET_CNTV_CVAL);
    }

    public long ripasBase() {
        return get(OFFSET_RIPAS_BASE);
    }

    public RmiRecExit setRipasBase(long v) {
        return put(OFFSET_RIPAS_BASE, v);
    }

    public long ripasTop() {
        return get(OFFSET_RIPAS_TOP);
    }

    public RmiRecExit setRipasTop(long v) {
        return put(OFFSET_RIPAS_TOP, v);
    }

    /** ripas_value: a UInt8 RmiRipas. */
    public int ripasValue() {
        return LittleEndian.get8(image, OFFSET_RIPAS_VALUE);
    }

    public RmiRecExit setRipasValue(int v) {
        image[OFFSET_RIPAS_VALUE] = (byte) v;
        return this;
    }

    /** imm: the 16-bit immediate of RSI_HOST_CALL. */
    public int imm() {
        return LittleEndian.get16(image, OFFSET_IMM);
    }

    public RmiRecExit setImm(int v) {
        return put(OFFSET_IMM, v & 0xFFFF);
    }

    public long pmuOvfStatus() {
        return get(OFFSET_PMU_OVF_STATUS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmiRecExit e && Arrays.equals(image, e.image);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return String.format("RmiRecExit[exit_reason=%d, esr=0x%x, far=0x%x, hpfar=0x%x, ripas_base=0x%x, "
            + "ripas_top=0x%x, ripas_value=%d, imm=%d]", exitReasonCode(), esr(), far(), hpfar(), ripasBase(),
            ripasTop(), ripasValue(), imm());
    }
}
