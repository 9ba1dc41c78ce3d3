package org.micasim.rmm.measurement;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * Computes and extends realm measurements with the realm's hash algorithm (JCA), reporting every hashed
 * byte to the cost model. Measurements are 64-byte slots, digest first, zero-padded.
 *
 * @spec Arm DEN0137 1.0-rel0 §A7.1 (realm measurements); rmm.md §7
 */
public final class MeasurementEngine {
    private final EventSink events;
    /**
     * Per thread, one digest object per algorithm (by ordinal), reused: looking a digest up through JCA
     * costs more than hashing a descriptor, and a digest resets itself when it completes.
     */
    private final ThreadLocal<MessageDigest[]> digests =
        ThreadLocal.withInitial(() -> new MessageDigest[RmiHashAlgorithm.values().length]);

    public MeasurementEngine(EventSink events) {
        this.events = events;
    }

    /** H(data) with {@code algo}, as a bare digest. */
    public byte[] hash(RmiHashAlgorithm algo, byte[] data, int off, int len) {
        events.event(EventKind.HASH_BYTES, len);
        MessageDigest md = digest(algo);
        md.update(data, off, len);
        return md.digest();
    }

    private MessageDigest digest(RmiHashAlgorithm algo) {
        MessageDigest[] mine = digests.get();
        MessageDigest md = mine[algo.ordinal()];
        if (md == null) {
            try {
                md = MessageDigest.getInstance(algo.jcaName());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("JCA lacks " + algo.jcaName(), e);
            }
            mine[algo.ordinal()] = md;
        }
        return md;
    }

    private byte[] slotHash(RmiHashAlgorithm algo, byte[] data) {
        return MeasurementDescriptors.slot(hash(algo, data, 0, data.length));
    }

    /** RimInit: H(measured RmiRealmParams image). */
    public byte[] rimInit(RmiHashAlgorithm algo, RmiRealmParams params) {
        return slotHash(algo, MeasurementDescriptors.measuredRealmParams(params));
    }

    /** RimExtendData; {@code content} is the 4 KiB DATA granule when flags.measure is set, else null. */
    public byte[] extendData(RmiHashAlgorithm algo, byte[] rim, long ipa, long flags, byte[] content) {
        byte[] contentHash = content == null ? null : hash(algo, content, 0, content.length);
        return slotHash(algo, MeasurementDescriptors.data(rim, ipa, flags, contentHash));
    }

    /** RimExtendRec. */
    public byte[] extendRec(RmiHashAlgorithm algo, byte[] rim, RmiRecParams params) {
        byte[] image = MeasurementDescriptors.measuredRecParams(params);
        return slotHash(algo, MeasurementDescriptors.rec(rim, hash(algo, image, 0, image.length)));
    }

    /** RimExtendRipas for one RTT entry [base, top). */
    public byte[] extendRipas(RmiHashAlgorithm algo, byte[] rim, long base, long top) {
        return slotHash(algo, MeasurementDescriptors.ripas(rim, base, top));
    }

    /**
     * RemExtend as TF-RMM computes it: H(REM[0 .. digest size) || value[0 .. size)).
     *
     * @spec DEN0137 §B5.3.7; rmm.md §7.5 (TF-RMM hashes only {@code size} bytes)
     */
    public byte[] extendRem(RmiHashAlgorithm algo, byte[] rem, byte[] value, int size) {
        byte[] in = new byte[algo.digestSize() + size];
        System.arraycopy(rem, 0, in, 0, algo.digestSize());
        System.arraycopy(value, 0, in, algo.digestSize(), size);
        return slotHash(algo, in);
    }

    /** The digest part of a slot. */
    public static byte[] digestOf(RmiHashAlgorithm algo, byte[] slot) {
        return Arrays.copyOf(slot, algo.digestSize());
    }
}
