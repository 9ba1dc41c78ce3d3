package org.micasim.policy.codec;

import java.math.BigInteger;
import java.util.List;
import org.micasim.policy.ast.CfDecl;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.Mapping;
import org.micasim.policy.ast.MemDecl;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.VmDecl;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.PolicyChecker;

/**
 * Compiles a policy to POLY v1: VMs, Mems, mappings, CFs and range values in source order, VMs
 * referred to by their declaration index (mica.md §4.5). A pure function of the syntax tree.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {}

    /**
     * The payload of {@code policy}.
     *
     * @throws IllegalArgumentException if {@link PolicyChecker} reports an error for {@code policy}
     */
    public static PolyPayload compile(Policy policy) {
        List<Diagnostic> errors = PolicyChecker.check(policy).stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("policy has errors, first: " + errors.get(0).render());
        }
        int self = policy.self().map(s -> policy.vmIndex(s.value())).orElse(PolyLayout.NO_INDEX);
        List<PolyPayload.Vm> vms = policy.vms().stream().map(PolicyCompiler::vm).toList();
        List<PolyPayload.Mem> mems = policy.mems().stream().map(m -> mem(policy, m)).toList();
        List<PolyPayload.Cf> cfs = policy.cfs().stream().map(c -> cf(policy, c)).toList();
        return new PolyPayload(self, vms, mems, cfs);
    }

    /** {@link #compile} followed by {@link PolyEncoder#encode}. */
    public static byte[] compileToBytes(Policy policy) {
        return PolyEncoder.encode(compile(policy));
    }

    private static PolyPayload.Vm vm(VmDecl vm) {
        return new PolyPayload.Vm(
                vm.name().value(),
                vm.hash().orElseThrow().value().longValueExact(),
                vm.isGateway().map(Located::value).orElse(false),
                vm.strict().map(Located::value).orElse(false));
    }

    private static PolyPayload.Mem mem(Policy policy, MemDecl mem) {
        long size = mem.size().orElseThrow().value().longValueExact();
        List<PolyPayload.Map> maps = mem.mappings().stream().map(m -> map(policy, m)).toList();
        return new PolyPayload.Mem(mem.name().value(), size, mem.type().orElseThrow().value(), maps);
    }

    private static PolyPayload.Map map(Policy policy, Mapping m) {
        int vm = m.isAny() ? PolyLayout.NO_INDEX : policy.vmIndex(m.target().value());
        int anyCount = m.isAny() ? m.anyCount().orElseThrow().value().intValueExact() : 0;
        return new PolyPayload.Map(vm, m.prot().orElseThrow().value(), u64(m.gpa().orElseThrow().value()), anyCount);
    }

    private static PolyPayload.Cf cf(Policy policy, CfDecl cf) {
        int owner = cf.owner().map(o -> policy.vmIndex(o.value())).orElse(PolyLayout.NO_INDEX);
        List<Long> range = cf.range().stream().map(r -> r.value().longValueExact()).toList();
        return new PolyPayload.Cf(cf.name().value(), owner, cf.type().orElseThrow().value(),
                cf.policy().orElseThrow().value(), range);
    }

    /** A u64 source value as the {@code long} with the same 64 bits. */
    private static long u64(BigInteger value) {
        return value.longValue();
    }
}
