package org.micasim.rmm.mica;

import java.util.Objects;

/**
 * What a tenant expects of one group member: its RIM (as the token reports it, digest size, or the
 * 64-byte slot), the POLY v1 policy it should have uploaded (or none), and its 64-byte RPV.
 *
 * @param name   a label for messages ("rnet")
 * @param rim    expected RIM
 * @param policy the expected policy, parsed by the RMM's own decoder; null if the member is expected to
 *               have uploaded no policy (a realm without a policy attests as a group of one: itself)
 * @param rpv    expected Realm Personalization Value
 */
public record ExpectedMember(String name, MeasurementValue rim, Policy policy, MeasurementValue rpv) {
    public ExpectedMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rim, "rim");
        Objects.requireNonNull(rpv, "rpv");
    }

    /** Whether the member is expected to have uploaded a policy. */
    public boolean hasPolicy() {
        return policy != null;
    }
}
