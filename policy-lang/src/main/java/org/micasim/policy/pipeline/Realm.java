package org.micasim.policy.pipeline;

import java.util.Optional;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.codec.PolyLayout;
import org.micasim.policy.codec.PolyPayload;

/**
 * A realm of a pipeline whose policy compiled: its name in the pipeline file, its policy as
 * written (for locations) and as the RMM receives it. Element {@code i} of each payload list is
 * element {@code i} of the corresponding syntax-tree list.
 */
public record Realm(Located<String> name, Policy policy, PolyPayload payload) {
    public String id() {
        return name.value();
    }

    /** The VM record this realm describes itself with, if the policy has a Self. */
    public Optional<PolyPayload.Vm> self() {
        return payload.vm(payload.selfIndex());
    }

    public Optional<Long> selfHash() {
        return self().map(PolyPayload.Vm::hash);
    }

    /** Hash of the VM a mapping, owner or self index refers to. */
    public Optional<Long> hashOf(int vmIndex) {
        return payload.vm(vmIndex).map(PolyPayload.Vm::hash);
    }

    /** Index of the memory object named {@code name} in this realm's policy, or -1. */
    public int memIndex(String memName) {
        for (int i = 0; i < payload.mems().size(); i++) {
            if (payload.mems().get(i).name().equals(memName)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of this realm's own mapping in memory object {@code mem}: its named mapping, else ANY, else -1. */
    public int ownMappingIndex(int mem) {
        var maps = payload.mems().get(mem).mappings();
        int any = -1;
        for (int j = 0; j < maps.size(); j++) {
            if (maps.get(j).vmIndex() == payload.selfIndex() && payload.selfIndex() != PolyLayout.NO_INDEX) {
                return j;
            }
            if (maps.get(j).isAny()) {
                any = j;
            }
        }
        return any;
    }

    public SourceSpan vmSpan(int vm) {
        return policy.vms().get(vm).name().span();
    }

    public SourceSpan memSpan(int mem) {
        return policy.mems().get(mem).name().span();
    }

    public SourceSpan sizeSpan(int mem) {
        return policy.mems().get(mem).size().map(Located::span).orElse(memSpan(mem));
    }

    public SourceSpan mappingSpan(int mem, int mapping) {
        return policy.mems().get(mem).mappings().get(mapping).target().span();
    }

    public SourceSpan cfValueSpan(int cf, int value) {
        return policy.cfs().get(cf).range().get(value).span();
    }

    /** Where the policy's Self hash is written, for identity clashes. */
    public SourceSpan selfSpan() {
        return policy.self().map(Located::span).orElse(policy.span());
    }
}
