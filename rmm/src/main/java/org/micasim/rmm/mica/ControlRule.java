package org.micasim.rmm.mica;

import java.util.List;
import java.util.Objects;

/**
 * A CF record of a policy (mica.md §4.5): for each selector in {@code range}, a realm exit of kind
 * {@code type} of VM {@code ownerIndex} gets {@code policy}.
 *
 * @param name       the 4-byte record name ("CF1")
 * @param ownerIndex index into the policy's VM list, or {@link #NO_OWNER} (0xFFFF)
 * @param type       which exits the rule governs
 * @param policy     BLOCK, ALLOW or OTHER
 * @param range      the selectors (ESR_EL2.EC values for CALL, exit reasons for EXCEPTION)
 */
public record ControlRule(ObjectName name, int ownerIndex, CfType type, CfPolicy policy, List<Integer> range) {
    /** owner_vm_index 0xFFFF: the rule names no VM and therefore governs nobody. */
    public static final int NO_OWNER = 0xFFFF;

    public ControlRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policy, "policy");
        range = List.copyOf(range);
    }
}
