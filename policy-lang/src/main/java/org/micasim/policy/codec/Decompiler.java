package org.micasim.policy.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.micasim.policy.ast.Literals;

/**
 * Prints a payload as canonical policy source, in the layout of the published examples: Self, the
 * VMs one per line, a blank line, then each Mem and CF. Integers that are addresses, sizes, hashes
 * or selectors are hex; any-count is decimal. Compiling the output gives back the same bytes.
 */
public final class Decompiler {
    private static final String IND = "  ";

    private Decompiler() {}

    public static String toSource(PolyPayload p) {
        List<String> head = new ArrayList<>();
        p.vm(p.selfIndex()).ifPresent(self -> head.add(IND + "\"Self\": " + Literals.quote(self.name())));
        for (PolyPayload.Vm vm : p.vms()) {
            head.add(IND + Literals.quote(vm.name()) + ": { \"hash\": " + Literals.hex(vm.hash())
                    + ", \"is-gateway\": " + vm.gateway() + ", \"strict\": " + vm.strict() + " }");
        }
        List<String> body = new ArrayList<>();
        for (PolyPayload.Mem mem : p.mems()) {
            body.add(mem(p, mem));
        }
        for (PolyPayload.Cf cf : p.cfs()) {
            body.add(cf(p, cf));
        }
        StringBuilder out = new StringBuilder("{\n");
        out.append(String.join(",\n", head));
        if (!head.isEmpty() && !body.isEmpty()) {
            out.append(",\n\n");
        }
        out.append(String.join(",\n", body));
        if (!head.isEmpty() || !body.isEmpty()) {
            out.append('\n');
        }
        return out.append("}\n").toString();
    }

    private static String mem(PolyPayload p, PolyPayload.Mem mem) {
        List<String> maps = new ArrayList<>();
        for (PolyPayload.Map m : mem.mappings()) {
            String key = m.isAny() ? "ANY" : p.vms().get(m.vmIndex()).name();
            String any = m.isAny() ? ", \"any-count\": " + m.anyCount() : "";
            maps.add(IND.repeat(3) + Literals.quote(key) + ": { \"gpa\": " + Literals.hex(m.gpa())
                    + ", \"prot\": " + Literals.quote(m.prot().keyword()) + any + " }");
        }
        String mappings = maps.isEmpty() ? "{}" : "{\n" + String.join(",\n", maps) + "\n" + IND.repeat(2) + "}";
        return IND + Literals.quote(mem.name()) + ": {\n"
                + IND.repeat(2) + "\"size\": " + Literals.hex(mem.size()) + ",\n"
                + IND.repeat(2) + "\"type\": " + Literals.quote(mem.type().keyword()) + ",\n"
                + IND.repeat(2) + "\"mappings\": " + mappings + "\n"
                + IND + "}";
    }

    private static String cf(PolyPayload p, PolyPayload.Cf cf) {
        List<String> fields = new ArrayList<>();
        p.vm(cf.ownerIndex()).ifPresent(o -> fields.add("\"owner\": " + Literals.quote(o.name())));
        fields.add("\"type\": " + Literals.quote(cf.type().keyword()));
        fields.add("\"range\": [" + cf.range().stream().map(Literals::hex).collect(Collectors.joining(", ")) + "]");
        fields.add("\"policy\": " + Literals.quote(cf.policy().keyword()));
        return IND + Literals.quote(cf.name()) + ": {\n"
                + fields.stream().map(f -> IND.repeat(2) + f).collect(Collectors.joining(",\n")) + "\n"
                + IND + "}";
    }
}
