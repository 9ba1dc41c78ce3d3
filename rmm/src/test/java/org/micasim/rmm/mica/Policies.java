package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The published example policies (mica.md §4.4) as records, and a small builder for variants. */
final class Policies {
    static final long SHM0 = 0x18000000000L;
    static final long SHM1 = 0x18004000000L;

    private Policies() {
    }

    static PolicyVm vm(String name, int hash, boolean gateway, boolean strict) {
        return new PolicyVm(ObjectName.of(name), hash, gateway, strict, Optional.empty());
    }

    static Mapping named(int vm, long gpa, Prot prot) {
        return new Mapping(vm, prot, gpa, 0);
    }

    static Mapping any(long gpa, Prot prot, int count) {
        return new Mapping(Mapping.ANY, prot, gpa, count);
    }

    static MemObject mem(String name, long size, Mapping... maps) {
        return new MemObject(ObjectName.of(name), size, MemType.PROTECTED, List.of(maps));
    }

    static MemObject unprotected(String name, long size, Mapping... maps) {
        return new MemObject(ObjectName.of(name), size, MemType.UNPROTECTED, List.of(maps));
    }

    static ControlRule cf(String name, int owner, CfType type, CfPolicy policy, Integer... range) {
        return new ControlRule(ObjectName.of(name), owner, type, policy, List.of(range));
    }

    /** rnet.json: VM1 gateway offers Mem1 to ANY 1 client. */
    static Policy rnet() {
        return new Policy(0, List.of(vm("VM1", 1, true, false), vm("VM2", 2, false, false)),
                List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), any(SHM0, Prot.RW, 1))), List.of());
    }

    /** ra.json, with its CF1 (range 0x23, as published). */
    static Policy ra() {
        return new Policy(1, List.of(vm("VM1", 1, true, false), vm("VM2", 2, false, false)),
                List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW))),
                List.of(cf("CF1", 0, CfType.CALL, CfPolicy.BLOCK, 0x23)));
    }

    private static List<PolicyVm> rgVms() {
        return List.of(vm("VM1", 1, true, false), vm("VM2", 2, true, false), vm("VM3", 3, true, false));
    }

    static Policy rg() {
        return new Policy(0, rgVms(), List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW))),
                List.of());
    }

    static Policy rf() {
        return new Policy(1, rgVms(), List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW)),
                mem("Mem2", 0x2000, named(1, SHM1, Prot.RW), named(2, SHM0, Prot.RW))), List.of());
    }

    static Policy ri() {
        return new Policy(2, rgVms(), List.of(mem("Mem2", 0x2000, named(1, SHM1, Prot.RW), named(2, SHM0, Prot.RW))),
                List.of());
    }

    /** {@code p} with its VM list, memory objects or rules replaced. */
    static Policy withMems(Policy p, MemObject... mems) {
        return new Policy(p.selfIndex(), p.vms(), List.of(mems), p.rules());
    }

    static Policy withRules(Policy p, ControlRule... rules) {
        return new Policy(p.selfIndex(), p.vms(), p.mems(), List.of(rules));
    }

    static Policy withVm(Policy p, int index, PolicyVm vm) {
        List<PolicyVm> vms = new ArrayList<>(p.vms());
        vms.set(index, vm);
        return new Policy(p.selfIndex(), vms, p.mems(), p.rules());
    }
}
