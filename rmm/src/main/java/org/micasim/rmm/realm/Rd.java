package org.micasim.rmm.realm;

import java.util.Arrays;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.measurement.MeasurementDescriptors;
import org.micasim.rmm.rtt.S2Context;

/**
 * A Realm Descriptor: the realm's attributes, kept by the RMM and keyed by the RD granule's PA. The
 * number of RECs is the RD granule's refcount.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.1.2 (realm attributes); TF-RMM {@code struct rd}
 */
public final class Rd {
    /** Number of measurement slots: RIM and four REMs. */
    public static final int NUM_MEASUREMENTS = 5;
    /** RecAuxCount: auxiliary granules per REC (TF-RMM MAX_REC_AUX_GRANULES). */
    public static final int REC_AUX_COUNT = 16;

    private final Granule granule;
    private final S2Context s2;
    private final RmiHashAlgorithm hashAlgo;
    private final byte[] rpv;
    private final long flags;
    private final int pmuNumCtrs;
    private final int sveVl;
    private final byte[][] measurements = new byte[NUM_MEASUREMENTS][];
    private RealmState state = RealmState.REALM_NEW;
    private long recIndex;

    public Rd(Granule granule, S2Context s2, RmiHashAlgorithm hashAlgo, byte[] rpv, long flags, int pmuNumCtrs,
              int sveVl, byte[] rim) {
        this.granule = granule;
        this.s2 = s2;
        this.hashAlgo = hashAlgo;
        this.rpv = rpv.clone();
        this.flags = flags;
        this.pmuNumCtrs = pmuNumCtrs;
        this.sveVl = sveVl;
        measurements[0] = rim.clone();
        for (int i = 1; i < NUM_MEASUREMENTS; i++) {
            measurements[i] = new byte[MeasurementDescriptors.SLOT_SIZE];
        }
    }

    public long pa() {
        return granule.pa();
    }

    public Granule granule() {
        return granule;
    }

    public S2Context s2() {
        return s2;
    }

    public RmiHashAlgorithm hashAlgo() {
        return hashAlgo;
    }

    /** The Realm Personalization Value (copy). */
    public byte[] rpv() {
        return rpv.clone();
    }

    /** RmiRealmFlags as created. */
    public long flags() {
        return flags;
    }

    public int pmuNumCtrs() {
        return pmuNumCtrs;
    }

    public int sveVl() {
        return sveVl;
    }

    public RealmState state() {
        return state;
    }

    public void setState(RealmState s) {
        state = s;
    }

    /** rec_index: the index the next REC must have. */
    public long recIndex() {
        return recIndex;
    }

    public void incrementRecIndex() {
        recIndex++;
    }

    /** num_recs. */
    public int numRecs() {
        return granule.refcount();
    }

    /** Measurement slot {@code i} (0 = RIM, 1..4 = REMs), 64 bytes, a copy. */
    public byte[] measurement(int i) {
        return measurements[i].clone();
    }

    public void setMeasurement(int i, byte[] slot) {
        if (slot.length != MeasurementDescriptors.SLOT_SIZE) {
            throw new IllegalArgumentException("measurement slot must be 64 bytes");
        }
        measurements[i] = slot.clone();
    }

    /** The RIM (slot 0), 64 bytes. */
    public byte[] rim() {
        return measurement(0);
    }

    /** The RIM truncated to the digest size. */
    public byte[] rimDigest() {
        return Arrays.copyOf(measurements[0], hashAlgo.digestSize());
    }
}
