package org.micasim.rmm.abi;

import java.util.Arrays;
import java.util.List;

/**
 * RmiRealmParams: the parameters of RMI_REALM_CREATE, a 4096-byte little-endian structure the host
 * writes into a Non-secure granule. Fields hold exactly the bits of their spec type (UInt8 fields keep
 * one byte); {@link #decode} and {@link #encode} are inverse on those bits, other bytes are zero.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.14 RmiRealmParams (offsets in rmm.md §6.1)
 */
public record RmiRealmParams(long flags, int s2sz, int sveVl, int numBps, int numWps, int pmuNumCtrs,
                             int hashAlgo, byte[] rpv, int vmid, long rttBase, long rttLevelStart,
                             long rttNumStart) {
    /** Size of the structure in bytes. */
    public static final int SIZE = 0x1000;
    public static final int OFFSET_FLAGS = 0x000;
    public static final int OFFSET_S2SZ = 0x008;
    public static final int OFFSET_SVE_VL = 0x010;
    public static final int OFFSET_NUM_BPS = 0x018;
    public static final int OFFSET_NUM_WPS = 0x020;
    public static final int OFFSET_PMU_NUM_CTRS = 0x028;
    public static final int OFFSET_HASH_ALGO = 0x030;
    public static final int OFFSET_RPV = 0x400;
    public static final int OFFSET_VMID = 0x800;
    public static final int OFFSET_RTT_BASE = 0x808;
    public static final int OFFSET_RTT_LEVEL_START = 0x810;
    public static final int OFFSET_RTT_NUM_START = 0x818;
    /** RPV size: Bits512. */
    public static final int RPV_SIZE = 64;

    /** RmiRealmFlags bit 0: LPA2 (52-bit IPA) requested. */
    public static final long FLAG_LPA2 = 1L;
    /** RmiRealmFlags bit 1: SVE enabled. */
    public static final long FLAG_SVE = 1L << 1;
    /** RmiRealmFlags bit 2: PMU enabled. */
    public static final long FLAG_PMU = 1L << 2;

    /** The spec's field names, in layout order, as {@link #with(String, long)} accepts them. */
    public static final List<String> FIELD_NAMES = List.of("flags", "s2sz", "sve_vl", "num_bps", "num_wps",
        "pmu_num_ctrs", "hash_algo", "rpv", "vmid", "rtt_base", "rtt_level_start", "rtt_num_start");

    public RmiRealmParams {
        rpv = rpv == null ? new byte[RPV_SIZE] : rpv.clone();
        LittleEndian.requireLength(rpv, RPV_SIZE, "rpv");
        s2sz &= 0xFF;
        sveVl &= 0xFF;
        numBps &= 0xFF;
        numWps &= 0xFF;
        pmuNumCtrs &= 0xFF;
        hashAlgo &= 0xFF;
        vmid &= 0xFFFF;
        rttNumStart &= 0xFFFF_FFFFL;
    }

    /** A structure of all zeros. */
    public static RmiRealmParams zero() {
        return new RmiRealmParams(0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0);
    }

    /** The Realm Personalization Value (a copy). */
    @Override
    public byte[] rpv() {
        return rpv.clone();
    }

    /** Reads the structure from its 4096-byte image. */
    public static RmiRealmParams decode(byte[] image) {
        LittleEndian.requireLength(image, SIZE, "RmiRealmParams image");
        return new RmiRealmParams(LittleEndian.get64(image, OFFSET_FLAGS),
            LittleEndian.get8(image, OFFSET_S2SZ), LittleEndian.get8(image, OFFSET_SVE_VL),
            LittleEndian.get8(image, OFFSET_NUM_BPS), LittleEndian.get8(image, OFFSET_NUM_WPS),
            LittleEndian.get8(image, OFFSET_PMU_NUM_CTRS), LittleEndian.get8(image, OFFSET_HASH_ALGO),
            Arrays.copyOfRange(image, OFFSET_RPV, OFFSET_RPV + RPV_SIZE),
            LittleEndian.get16(image, OFFSET_VMID), LittleEndian.get64(image, OFFSET_RTT_BASE),
            LittleEndian.get64(image, OFFSET_RTT_LEVEL_START), LittleEndian.get32(image, OFFSET_RTT_NUM_START));
    }

    /** Writes the 4096-byte image; bytes outside the fields are zero. */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        LittleEndian.put64(b, OFFSET_FLAGS, flags);
        b[OFFSET_S2SZ] = (byte) s2sz;
        b[OFFSET_SVE_VL] = (byte) sveVl;
        b[OFFSET_NUM_BPS] = (byte) numBps;
        b[OFFSET_NUM_WPS] = (byte) numWps;
        b[OFFSET_PMU_NUM_CTRS] = (byte) pmuNumCtrs;
        b[OFFSET_HASH_ALGO] = (byte) hashAlgo;
        System.arraycopy(rpv, 0, b, OFFSET_RPV, RPV_SIZE);
        LittleEndian.put64(b, OFFSET_VMID, vmid);
        LittleEndian.put64(b, OFFSET_RTT_BASE, rttBase);
        LittleEndian.put64(b, OFFSET_RTT_LEVEL_START, rttLevelStart);
        LittleEndian.put64(b, OFFSET_RTT_NUM_START, rttNumStart);
        return b;
    }

    /**
     * A copy with one field, named as in the spec, set to {@code value} (truncated to the field's width).
     * For {@code rpv}, the value fills the first 8 bytes little-endian and the rest is zero.
     *
     * @throws IllegalArgumentException for a name not in {@link #FIELD_NAMES}
     */
    public RmiRealmParams with(String field, long value) {
        byte[] b = encode();
        switch (field) {
            case "flags" -> LittleEndian.put64(b, OFFSET_FLAGS, value);
            case "s2sz" -> b[OFFSET_S2SZ] = (byte) value;
            case "sve_vl" -> b[OFFSET_SVE_VL] = (byte) value;
            case "num_bps" -> b[OFFSET_NUM_BPS] = (byte) value;
            case "num_wps" -> b[OFFSET_NUM_WPS] = (byte) value;
            case "pmu_num_ctrs" -> b[OFFSET_PMU_NUM_CTRS] = (byte) value;
            case "hash_algo" -> b[OFFSET_HASH_ALGO] = (byte) value;
            case "rpv" -> {
                Arrays.fill(b, OFFSET_RPV, OFFSET_RPV + RPV_SIZE, (byte) 0);
                LittleEndian.put64(b, OFFSET_RPV, value);
            }
            case "vmid" -> LittleEndian.put64(b, OFFSET_VMID, value & 0xFFFF);
            case "rtt_base" -> LittleEndian.put64(b, OFFSET_RTT_BASE, value);
            case "rtt_level_start" -> LittleEndian.put64(b, OFFSET_RTT_LEVEL_START, value);
            case "rtt_num_start" -> LittleEndian.put64(b, OFFSET_RTT_NUM_START, value & 0xFFFF_FFFFL);
            default -> throw new IllegalArgumentException("unknown RmiRealmParams field '" + field
                + "'; expected one of " + FIELD_NAMES);
        }
        return decode(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmiRealmParams p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return String.format("RmiRealmParams[flags=0x%x, s2sz=%d, sve_vl=%d, num_bps=%d, num_wps=%d, "
            + "pmu_num_ctrs=%d, hash_algo=%d, vmid=%d, rtt_base=0x%x, rtt_level_start=%d, rtt_num_start=%d]",
            flags, s2sz, sveVl, numBps, numWps, pmuNumCtrs, hashAlgo, vmid, rttBase, rttLevelStart,
            rttNumStart);
    }
}
