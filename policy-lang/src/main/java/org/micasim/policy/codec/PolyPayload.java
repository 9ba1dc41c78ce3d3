package org.micasim.policy.codec;

import java.util.List;
import java.util.Objects;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Prot;

/**
 * A policy as the RMM sees it: the content of a POLY v1 payload, with VMs referred to by index.
 * Unsigned fields are held in wider Java types ({@code hash} and range values as {@code long},
 * indices as {@code int}); {@code size} and {@code gpa} are u64 held in a {@code long}.
 *
 * <p>@spec mica.md §4.5
 */
public record PolyPayload(int selfIndex, List<Vm> vms, List<Mem> mems, List<Cf> cfs) {
    public PolyPayload {
        vms = List.copyOf(vms);
        mems = List.copyOf(mems);
        cfs = List.copyOf(cfs);
    }

    /** A VM record. */
    public record Vm(String name, long hash, boolean gateway, boolean strict) {
        public Vm {
            Objects.requireNonNull(name, "name is null");
        }
    }

    /** A memory object and its mappings. */
    public record Mem(String name, long size, MemType type, List<Map> mappings) {
        public Mem {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(type, "type is null");
            mappings = List.copyOf(mappings);
        }
    }

    /** A mapping; {@code vmIndex} is {@link PolyLayout#NO_INDEX} for ANY. */
    public record Map(int vmIndex, Prot prot, long gpa, int anyCount) {
        public Map {
            Objects.requireNonNull(prot, "prot is null");
        }

        public boolean isAny() {
            return vmIndex == PolyLayout.NO_INDEX;
        }
    }

    /** A control-transfer rule; {@code ownerIndex} is {@link PolyLayout#NO_INDEX} without owner. */
    public record Cf(String name, int ownerIndex, CfType type, CfPolicy policy, List<Long> range) {
        public Cf {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(policy, "policy is null");
            range = List.copyOf(range);
        }
    }

    /** Size in bytes of the encoded payload: 16 + 12·V + Σ(16 + 20·maps) + Σ(12 + 4·range_len). */
    public int byteSize() {
        int size = PolyLayout.HEADER_SIZE + PolyLayout.VM_SIZE * vms.size();
        for (Mem m : mems) {
            size += PolyLayout.MEM_SIZE + PolyLayout.MAP_SIZE * m.mappings().size();
        }
        for (Cf c : cfs) {
            size += PolyLayout.CF_SIZE + PolyLayout.RANGE_VALUE_SIZE * c.range().size();
        }
        return size;
    }

    /** The VM a mapping, owner or self index refers to; empty for {@link PolyLayout#NO_INDEX}. */
    public java.util.Optional<Vm> vm(int index) {
        return index == PolyLayout.NO_INDEX || index >= vms.size()
                ? java.util.Optional.empty()
                : java.util.Optional.of(vms.get(index));
    }
}
