package org.micasim.rmm.mica;

import java.util.Objects;
import java.util.Optional;

/**
 * A VM record of a policy (mica.md §4.5): a pipeline member, its 32-bit identity, whether it may talk
 * to the untrusted world, whether validation is closed-world for it, and (a mica-sim extension, see
 * docs/mica.md) the RIM the realm registered under this identity must have.
 *
 * @param name        the 4-byte record name ("VM1")
 * @param hash        the tenant-chosen 32-bit identity
 * @param gateway     is_gateway, normalised to a boolean as the published parser does
 * @param strict      strict, normalised to a boolean
 * @param expectedRim the RIM the realm bound to {@code hash} must have, if the policy states one
 */
public record PolicyVm(ObjectName name, int hash, boolean gateway, boolean strict,
                       Optional<MeasurementValue> expectedRim) {
    public PolicyVm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectedRim, "expectedRim");
    }
}
