package org.micasim.policy.ast;

import java.util.List;
import java.util.Optional;

/**
 * One realm's policy as written: the {@code Self} entry and the VM, Mem and CF declarations, each
 * kind in source order. Fields that the source leaves out are empty; the checker reports them.
 *
 * <p>@spec mica.md §4.2
 */
public record Policy(
        Optional<Located<String>> self,
        List<VmDecl> vms,
        List<MemDecl> mems,
        List<CfDecl> cfs,
        SourceSpan span)
        implements PolicyNode {
    public Policy {
        vms = List.copyOf(vms);
        mems = List.copyOf(mems);
        cfs = List.copyOf(cfs);
    }

    /** The VM declaration named {@code name}, if any. */
    public Optional<VmDecl> vm(String name) {
        return vms.stream().filter(v -> v.name().value().equals(name)).findFirst();
    }

    /** Index of the VM named {@code name} in declaration order (its POLY v1 vm_index), or -1. */
    public int vmIndex(String name) {
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).name().value().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Policy withoutSpans() {
        return new Policy(
                Spans.strip(self),
                vms.stream().map(VmDecl::withoutSpans).toList(),
                mems.stream().map(MemDecl::withoutSpans).toList(),
                cfs.stream().map(CfDecl::withoutSpans).toList(),
                SourceSpan.NONE);
    }
}
