package org.micasim.rmm.mica;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.micasim.rmm.abi.RmiHashAlgorithm;

/**
 * The measurements a group token carries (mica.md §5.2): starting from the caller's RIM, slot 1 and RPV,
 * each further member in discovery order is folded in as {@code agg := H(agg || member)}, where both
 * operands are full 64-byte buffers and the digest is zero-padded back to 64 bytes; the hash is the
 * caller's realm hash algorithm. Also the expected policy measurement of a descriptor image, for relying
 * parties: slot 1 extended once from zero, {@code H(zero digest || image)} (RemExtend as TF-RMM computes it).
 *
 * @param rim      the token's realm initial measurement claim
 * @param policies the token's REM[0] claim
 * @param rpv      the token's personalization value claim
 */
public record GroupMeasurements(MeasurementValue rim, MeasurementValue policies, MeasurementValue rpv) {

    /** Aggregates {@code members}, caller first. */
    public static GroupMeasurements aggregate(RmiHashAlgorithm algo, List<GroupMember> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a group has at least its caller");
        }
        GroupMember caller = members.get(0);
        MeasurementValue rim = caller.rim();
        MeasurementValue pol = caller.policyMeasurement();
        MeasurementValue rpv = caller.rpv();
        for (GroupMember m : members.subList(1, members.size())) {
            rim = fold(algo, rim, m.rim());
            pol = fold(algo, pol, m.policyMeasurement());
            rpv = fold(algo, rpv, m.rpv());
        }
        return new GroupMeasurements(rim, pol, rpv);
    }

    /** H(acc[64] || value[64]), zero-padded to 64 bytes. */
    static MeasurementValue fold(RmiHashAlgorithm algo, MeasurementValue acc, MeasurementValue value) {
        MessageDigest md = digest(algo);
        md.update(acc.bytes());
        md.update(value.bytes());
        return MeasurementValue.of(md.digest());
    }

    /** Slot 1 after the RMM measured {@code image} into a zero slot. */
    public static MeasurementValue policyMeasurement(RmiHashAlgorithm algo, byte[] image) {
        MessageDigest md = digest(algo);
        md.update(new byte[algo.digestSize()]);
        md.update(image);
        return MeasurementValue.of(md.digest());
    }

    private static MessageDigest digest(RmiHashAlgorithm algo) {
        try {
            return MessageDigest.getInstance(algo.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + algo.jcaName(), e);
        }
    }
}
