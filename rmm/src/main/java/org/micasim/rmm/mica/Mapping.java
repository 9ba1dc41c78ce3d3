package org.micasim.rmm.mica;

import java.util.Objects;

/**
 * A MAP record (mica.md §4.5): VM {@code vmIndex} (or any unnamed realm, {@link #ANY}) maps the object at
 * guest-physical base {@code gpa} with {@code prot}.
 *
 * @param vmIndex  index into the policy's VM list, or {@link #ANY} (0xFFFF)
 * @param prot     the access granted
 * @param gpa      base IPA of the mapping in that realm
 * @param anyCount for ANY: how many unnamed realms may map the object (-1 = unlimited); 0 otherwise
 */
public record Mapping(int vmIndex, Prot prot, long gpa, int anyCount) {
    /** VM_IDX_ANY: the mapping admits unnamed realms. */
    public static final int ANY = 0xFFFF;

    public Mapping {
        Objects.requireNonNull(prot, "prot");
    }

    /** Whether this is the ANY mapping. */
    public boolean isAny() {
        return vmIndex == ANY;
    }

    /** Whether {@code ipa} lies in [gpa, gpa + size). */
    public boolean covers(long ipa, long size) {
        return Long.compareUnsigned(ipa, gpa) >= 0 && Long.compareUnsigned(ipa - gpa, size) < 0;
    }
}
