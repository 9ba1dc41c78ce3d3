package org.micasim.rmm.measurement;

import java.util.Arrays;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;

/**
 * The byte images the RMM hashes into the RIM: the measured part of RmiRealmParams and RmiRecParams and
 * the three 256-byte measurement descriptors. All little-endian, zero-filled.
 *
 * @spec Arm DEN0137 1.0-rel0 §A7.1.1 (RIM), §B4.4 RmmMeasurementDescriptorData / Rec / Ripas; rmm.md §7
 */
public final class MeasurementDescriptors {
    /** Descriptor size (len field value). */
    public static final int DESC_SIZE = 0x100;
    public static final int DESC_TYPE_DATA = 0x0;
    public static final int DESC_TYPE_REC = 0x1;
    public static final int DESC_TYPE_RIPAS = 0x2;
    public static final int OFFSET_DESC_TYPE = 0x00;
    public static final int OFFSET_LEN = 0x08;
    public static final int OFFSET_RIM = 0x10;
    public static final int OFFSET_DATA_IPA = 0x50;
    public static final int OFFSET_DATA_FLAGS = 0x58;
    public static final int OFFSET_DATA_CONTENT = 0x60;
    public static final int OFFSET_REC_CONTENT = 0x50;
    public static final int OFFSET_RIPAS_BASE = 0x50;
    public static final int OFFSET_RIPAS_TOP = 0x58;
    /** Size of a measurement slot and of the RIM field in descriptors. */
    public static final int SLOT_SIZE = 64;

    private MeasurementDescriptors() {
    }

    /** RmiRealmParams image with only flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo. */
    public static byte[] measuredRealmParams(RmiRealmParams p) {
        return new RmiRealmParams(p.flags(), p.s2sz(), p.sveVl(), p.numBps(), p.numWps(), p.pmuNumCtrs(),
            p.hashAlgo(), null, 0, 0, 0, 0).encode();
    }

    /** RmiRecParams image with only flags, pc and gprs (mpidr and aux excluded). */
    public static byte[] measuredRecParams(RmiRecParams p) {
        return new RmiRecParams(p.flags(), 0, p.pc(), p.gprs(), 0, null).encode();
    }

    private static byte[] header(int type, byte[] rim) {
        byte[] d = new byte[DESC_SIZE];
        d[OFFSET_DESC_TYPE] = (byte) type;
        put64(d, OFFSET_LEN, DESC_SIZE);
        System.arraycopy(rim, 0, d, OFFSET_RIM, Math.min(rim.length, SLOT_SIZE));
        return d;
    }

    /** RmmMeasurementDescriptorData; {@code contentHash} may be null (flags.measure == 0). */
    public static byte[] data(byte[] rim, long ipa, long flags, byte[] contentHash) {
        byte[] d = header(DESC_TYPE_DATA, rim);
        put64(d, OFFSET_DATA_IPA, ipa);
        put64(d, OFFSET_DATA_FLAGS, flags);
        if (contentHash != null) {
            System.arraycopy(contentHash, 0, d, OFFSET_DATA_CONTENT, contentHash.length);
        }
        return d;
    }

    /** RmmMeasurementDescriptorRec. */
    public static byte[] rec(byte[] rim, byte[] contentHash) {
        byte[] d = header(DESC_TYPE_REC, rim);
        System.arraycopy(contentHash, 0, d, OFFSET_REC_CONTENT, contentHash.length);
        return d;
    }

    /** RmmMeasurementDescriptorRipas. */
    public static byte[] ripas(byte[] rim, long base, long top) {
        byte[] d = header(DESC_TYPE_RIPAS, rim);
        put64(d, OFFSET_RIPAS_BASE, base);
        put64(d, OFFSET_RIPAS_TOP, top);
        return d;
    }

    static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** A 64-byte slot holding {@code digest} zero-extended. */
    public static byte[] slot(byte[] digest) {
        return Arrays.copyOf(digest, SLOT_SIZE);
    }
}
