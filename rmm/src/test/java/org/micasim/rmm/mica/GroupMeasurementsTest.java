package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiHashAlgorithm;

class GroupMeasurementsTest {
    private static MeasurementValue filled(int b, int len) {
        byte[] x = new byte[len];
        Arrays.fill(x, (byte) b);
        return MeasurementValue.of(x);
    }

    private static GroupMember member(int seed) {
        return new GroupMember(seed, filled(seed, 32), filled(seed + 1, 32), filled(seed + 2, 64),
                new byte[PolicyImage.SIZE]);
    }

    @Test
    void aLoneCallerReportsItsOwnMeasurements() {
        GroupMember a = member(1);
        GroupMeasurements g = GroupMeasurements.aggregate(RmiHashAlgorithm.RMI_HASH_SHA_256, List.of(a));
        assertEquals(new GroupMeasurements(a.rim(), a.policyMeasurement(), a.rpv()), g);
    }

    @Test
    void membersAreFoldedInDiscoveryOrderOverFull64ByteBuffers() throws Exception {
        GroupMember a = member(1);
        GroupMember b = member(7);
        GroupMeasurements g = GroupMeasurements.aggregate(RmiHashAlgorithm.RMI_HASH_SHA_512, List.of(a, b));
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        md.update(a.rim().bytes());
        md.update(b.rim().bytes());
        assertEquals(MeasurementValue.of(md.digest()), g.rim());
        GroupMeasurements swapped = GroupMeasurements.aggregate(RmiHashAlgorithm.RMI_HASH_SHA_512, List.of(b, a));
        assertNotEquals(g.rim(), swapped.rim());
        assertNotEquals(g.policies(), swapped.policies());
        assertNotEquals(g.rpv(), swapped.rpv());
    }

    @Test
    void policyMeasurementExtendsAZeroSlotWithTheImage() throws Exception {
        byte[] img = PolicyImage.encode(Policies.ra());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(new byte[32]);
        md.update(img);
        assertEquals(MeasurementValue.of(md.digest()),
                GroupMeasurements.policyMeasurement(RmiHashAlgorithm.RMI_HASH_SHA_256, img));
    }
}
