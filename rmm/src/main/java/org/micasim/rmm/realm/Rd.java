package org.micasim.rmm.realm;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.micasim.rmm.RmmPanic;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.measurement.MeasurementDescriptors;
import org.micasim.rmm.rtt.S2Context;

/**
 * A Realm Descriptor: the realm's attributes, kept by the RMM and keyed by the RD granule's PA. The
 * number of RECs is the RD granule's refcount.
 *
 * <p>Changed only under the RD granule's lock. The realm state and rec_index are volatile and each
 * measurement slot is replaced as a whole, because TF-RMM reads them without the lock where a running REC
 * is enough to keep the RD ({@code get_rd_state_unlocked}, {@code get_rd_rec_count_unlocked}); Mica's group
 * attestation reads its peers' slots the same way (docs/abi.md, "Concurrency").
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
    private final AtomicReferenceArray<byte[]> measurements = new AtomicReferenceArray<>(NUM_MEASUREMENTS);
    private volatile RealmState state = RealmState.REALM_NEW;
    private volatile long recIndex;

    public Rd(Granule granule, S2Context s2, RmiHashAlgorithm hashAlgo, byte[] rpv, long flags, int pmuNumCtrs,
              int sveVl, byte[] rim) {
        this.granule = granule;
        this.s2 = s2;
        this.hashAlgo = hashAlgo;
        this.rpv = rpv.clone();
        this.flags = flags;
        this.pmuNumCtrs = pmuNumCtrs;
        this.sveVl = sveVl;
        measurements.set(0, rim.clone());
        for (int i = 1; i < NUM_MEASUREMENTS; i++) {
            measurements.set(i, new byte[MeasurementDescriptors.SLOT_SIZE]);
        }
    }

    public long pa() {
        return granule.pa();
    }

    public Granule granule() {
        return granule;
    }

    /**
     * Locks the RD granule of a realm that is known to exist: a caller that already holds a reference
     * to it (a running REC, the RD's own command) rather than a PA from the host (TF-RMM
     * {@code granule_lock(g_rd, GRANULE_STATE_RD)}); anything else is an RMM panic.
     */
    public void lock() {
        if (!granule.lockOnStateMatch(GranuleState.RD)) {
            throw new RmmPanic(String.format("RD 0x%x is referenced but is not an RD", granule.pa()));
        }
    }

    /** Releases the RD granule's lock. */
    public void unlock() {
        granule.unlock();
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

    /** rec_index + 1; called with the RD locked. */
    public void incrementRecIndex() {
        recIndex = recIndex + 1;
    }

    /** num_recs. */
    public int numRecs() {
        return granule.refcount();
    }

    /** Measurement slot {@code i} (0 = RIM, 1..4 = REMs), 64 bytes, a copy. */
    public byte[] measurement(int i) {
        return measurements.get(i).clone();
    }

    public void setMeasurement(int i, byte[] slot) {
        if (slot.length != MeasurementDescriptors.SLOT_SIZE) {
            throw new IllegalArgumentException("measurement slot must be 64 bytes");
        }
        measurements.set(i, slot.clone());
    }

    /** The RIM (slot 0), 64 bytes. */
    public byte[] rim() {
        return measurement(0);
    }

    /** The RIM truncated to the digest size. */
    public byte[] rimDigest() {
        return Arrays.copyOf(measurements.get(0), hashAlgo.digestSize());
    }
}
