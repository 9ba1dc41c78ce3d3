package org.micasim.realms.cli.verify;

import java.util.List;
import java.util.Optional;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.PolicyKeyword;
import org.micasim.policy.ast.Prot;
import org.micasim.policy.codec.Decompiler;
import org.micasim.policy.codec.PolyLayout;
import org.micasim.policy.codec.PolyPayload;
import org.micasim.rmm.mica.ControlRule;
import org.micasim.rmm.mica.Mapping;
import org.micasim.rmm.mica.MemObject;
import org.micasim.rmm.mica.Policy;
import org.micasim.rmm.mica.PolicyImage;
import org.micasim.rmm.mica.PolicyVm;

/**
 * What a streamed policy image says, as policy source: the RMM's descriptor image decoded by the RMM's own
 * {@link PolicyImage#decode}, its records carried over field for field into policy-lang's payload, and printed
 * by policy-lang's {@link Decompiler}, so a human reads what was measured in the language it was written in.
 */
final class DescriptorSource {
    private DescriptorSource() {
    }

    /** The decompiled source of {@code image}, or a sentence saying why there is none. */
    static String of(byte[] image) {
        Optional<Policy> policy;
        try {
            policy = PolicyImage.decode(image);
        } catch (IllegalArgumentException e) {
            return "(not a policy descriptor image: " + e.getMessage() + ")\n";
        }
        if (policy.isEmpty()) {
            return "(no policy: the realm never uploaded one)\n";
        }
        try {
            return Decompiler.toSource(payload(policy.get()));
        } catch (IllegalArgumentException e) {
            return "(the descriptor holds a value the policy language cannot express: " + e.getMessage() + ")\n";
        }
    }

    /** The expected RIMs the image's VM records carry (mica-sim's trailer), one per VM, empty where none. */
    static List<Optional<String>> expectedRims(byte[] image) {
        try {
            return PolicyImage.decode(image).map(p -> p.vms().stream().map(vm -> vm.expectedRim().map(Object::toString)).toList())
                    .orElse(List.of());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    static PolyPayload payload(Policy p) {
        List<PolyPayload.Vm> vms = p.vms().stream().map(DescriptorSource::vm).toList();
        List<PolyPayload.Mem> mems = p.mems().stream().map(DescriptorSource::mem).toList();
        List<PolyPayload.Cf> cfs = p.rules().stream().map(DescriptorSource::cf).toList();
        return new PolyPayload(p.selfIndex(), vms, mems, cfs);
    }

    private static PolyPayload.Vm vm(PolicyVm vm) {
        return new PolyPayload.Vm(vm.name().text(), Integer.toUnsignedLong(vm.hash()), vm.gateway(), vm.strict());
    }

    private static PolyPayload.Mem mem(MemObject m) {
        List<PolyPayload.Map> maps = m.mappings().stream().map(DescriptorSource::map).toList();
        return new PolyPayload.Mem(m.name().text(), m.size(), keyword(MemType.class, m.type().code(), "MEM type"), maps);
    }

    private static PolyPayload.Map map(Mapping mp) {
        int vm = mp.isAny() ? PolyLayout.NO_INDEX : mp.vmIndex();
        return new PolyPayload.Map(vm, keyword(Prot.class, mp.prot().code(), "prot"), mp.gpa(), mp.anyCount());
    }

    private static PolyPayload.Cf cf(ControlRule r) {
        List<Long> range = r.range().stream().map(Integer::toUnsignedLong).toList();
        int owner = r.ownerIndex() == ControlRule.NO_OWNER ? PolyLayout.NO_INDEX : r.ownerIndex();
        return new PolyPayload.Cf(r.name().text(), owner, keyword(CfType.class, r.type().code(), "CF type"),
                keyword(CfPolicy.class, r.policy().code(), "CF policy"), range);
    }

    private static <E extends Enum<E> & PolicyKeyword> E keyword(Class<E> type, int code, String what) {
        return PolicyKeyword.fromEncoding(type, code)
                .orElseThrow(() -> new IllegalArgumentException(what + " code " + code));
    }
}
