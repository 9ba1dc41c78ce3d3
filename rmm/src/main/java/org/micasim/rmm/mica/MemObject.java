package org.micasim.rmm.mica;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A MEM object of a policy (mica.md §4.5): a channel of {@code size} bytes and who maps it where.
 *
 * @param name     the 4-byte record name ("Mem1")
 * @param size     size in bytes (validation requires a multiple of 4 KiB, at most 4096 pages)
 * @param type     PROTECTED (realm-realm) or UNPROTECTED (host-shared)
 * @param mappings the MAP records in binary order
 */
public record MemObject(ObjectName name, long size, MemType type, List<Mapping> mappings) {
    public MemObject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        mappings = List.copyOf(mappings);
    }

    /** The first ANY mapping, as the published validator picks it. */
    public Optional<Mapping> any() {
        return mappings.stream().filter(Mapping::isAny).findFirst();
    }

    /** The first named mapping of VM {@code vmIndex}. */
    public Optional<Mapping> mappingOf(int vmIndex) {
        return mappings.stream().filter(m -> !m.isAny() && m.vmIndex() == vmIndex).findFirst();
    }
}
