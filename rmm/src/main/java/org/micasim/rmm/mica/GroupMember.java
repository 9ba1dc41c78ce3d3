package org.micasim.rmm.mica;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a group token aggregates about one member (mica.md §5.2): its RIM, its policy measurement
 * (measurement slot 1, the token's REM[0]) and its RPV, plus the descriptor image streamed after the
 * token.
 *
 * @param rd                the member's RD (RMM-internal; not reported)
 * @param rim               measurement slot 0
 * @param policyMeasurement measurement slot 1
 * @param rpv               the 64-byte Realm Personalization Value
 * @param policyImage       the {@value PolicyImage#SIZE}-byte descriptor image (all zero if none uploaded)
 */
public record GroupMember(long rd, MeasurementValue rim, MeasurementValue policyMeasurement,
                          MeasurementValue rpv, byte[] policyImage) {
    public GroupMember {
        Objects.requireNonNull(rim, "rim");
        Objects.requireNonNull(policyMeasurement, "policyMeasurement");
        Objects.requireNonNull(rpv, "rpv");
        if (policyImage.length != PolicyImage.SIZE) {
            throw new IllegalArgumentException("a policy image has " + PolicyImage.SIZE + " bytes");
        }
        policyImage = policyImage.clone();
    }

    @Override
    public byte[] policyImage() {
        return policyImage.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupMember m && rd == m.rd && rim.equals(m.rim)
                && policyMeasurement.equals(m.policyMeasurement) && rpv.equals(m.rpv)
                && Arrays.equals(policyImage, m.policyImage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rd, rim, policyMeasurement, rpv, Arrays.hashCode(policyImage));
    }
}
