package org.micasim.policy.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import java.util.Set;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.Literals;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Prot;
import org.micasim.policy.codec.PolyLayout;
import org.micasim.policy.codec.PolyPayload;
import org.micasim.policy.pipeline.Realm;

/**
 * Derives the flow graph of a pipeline from its realms' policies:
 * <ul>
 *   <li>a memory object links every participant that may write it (prot W or RW) to every other
 *       participant that may read it (R or RW). A realm of the pipeline participates with its
 *       own mapping (the one naming itself, else the ANY mapping it joins through); a VM that a
 *       policy maps but that is no realm of the pipeline participates as an outside realm; spare
 *       ANY capacity (any-count above the pipeline realms it admits, or -1) is an outside realm
 *       too; the host participates in every UNPROTECTED object;</li>
 *   <li>a gateway is linked to the host in both directions;</li>
 *   <li>a CALL rule with policy ALLOW links its owner to the host.</li>
 * </ul>
 * Objects are identified across policies by name, as the RMM matches them.
 */
public final class FlowGraphBuilder {
    private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
    private final List<FlowEdge> edges = new ArrayList<>();
    private final Map<Long, FlowNode> byHash = new LinkedHashMap<>();
    private final List<Realm> realms;

    private record Participant(FlowNode node, Prot prot) {}

    private FlowGraphBuilder(List<Realm> realms) {
        this.realms = realms;
    }

    public static FlowGraph build(List<Realm> realms) {
        FlowGraphBuilder b = new FlowGraphBuilder(realms);
        b.addRealms();
        b.addObjects();
        b.addGateways();
        b.addControlTransfers();
        return new FlowGraph(b.nodes, b.edges);
    }

    private void addRealms() {
        for (Realm r : realms) {
            String gateway = r.self().map(PolyPayload.Vm::gateway).orElse(false) ? ", gateway" : "";
            String vm = r.self().map(v -> v.name() + " hash " + Literals.hex(v.hash())).orElse("no Self");
            FlowNode n = new FlowNode(r.id(), FlowNode.Kind.REALM, r.id() + " (" + vm + gateway + ")");
            nodes.put(n.id(), n);
            r.selfHash().ifPresent(h -> byHash.putIfAbsent(h, n));
        }
        nodes.put(FlowNode.HOST.id(), FlowNode.HOST);
    }

    /** The node of the VM with {@code hash}: a pipeline realm, else an outside realm. */
    private FlowNode vmNode(PolyPayload.Vm vm) {
        return byHash.computeIfAbsent(vm.hash(), h -> {
            FlowNode n = new FlowNode(vm.name() + "@" + Literals.hex(h), FlowNode.Kind.EXTERNAL,
                    vm.name() + " (hash " + Literals.hex(h) + ", outside the pipeline)");
            nodes.put(n.id(), n);
            return n;
        });
    }

    private void addObjects() {
        Set<String> names = new LinkedHashSet<>();
        realms.forEach(r -> r.payload().mems().forEach(m -> names.add(m.name())));
        for (String name : names) {
            Map<FlowNode, Prot> parts = new LinkedHashMap<>();
            boolean unprotected = false;
            for (Realm r : realms) {
                int m = r.memIndex(name);
                if (m < 0) {
                    continue;
                }
                PolyPayload.Mem mem = r.payload().mems().get(m);
                unprotected |= mem.type() == MemType.UNPROTECTED;
                int own = r.ownMappingIndex(m);
                if (own >= 0 && r.selfHash().isPresent()) {
                    join(parts, nodes.get(r.id()), mem.mappings().get(own).prot());
                }
            }
            for (Realm r : realms) {
                int m = r.memIndex(name);
                if (m >= 0) {
                    addOutsiders(r, r.payload().mems().get(m), parts);
                }
            }
            if (unprotected) {
                join(parts, FlowNode.HOST, Prot.RW);
            }
            link(name + (unprotected ? " unprotected" : ""), unprotected ? FlowEdge.Via.UNPROTECTED_MEMORY
                    : FlowEdge.Via.PROTECTED_MEMORY, parts);
        }
    }

    /** VMs outside the pipeline that {@code r}'s view maps, and spare ANY capacity. */
    private void addOutsiders(Realm r, PolyPayload.Mem mem, Map<FlowNode, Prot> parts) {
        Set<FlowNode> named = new LinkedHashSet<>();
        PolyPayload.Map any = null;
        for (PolyPayload.Map map : mem.mappings()) {
            if (map.isAny()) {
                any = map;
                continue;
            }
            FlowNode n = vmNode(r.payload().vms().get(map.vmIndex()));
            named.add(n);
            if (n.kind() == FlowNode.Kind.EXTERNAL) {
                join(parts, n, map.prot());
            }
        }
        if (any == null) {
            return;
        }
        long admitted = parts.keySet().stream()
                .filter(n -> n.kind() == FlowNode.Kind.REALM && !named.contains(n))
                .count();
        if (any.anyCount() == -1 || any.anyCount() > admitted) {
            String spare = any.anyCount() == -1 ? "any number" : Long.toString(any.anyCount() - admitted);
            FlowNode n = new FlowNode("ANY@" + mem.name(), FlowNode.Kind.EXTERNAL,
                    "unnamed realms admitted by ANY of " + mem.name() + " (" + spare + ")");
            nodes.putIfAbsent(n.id(), n);
            join(parts, n, any.prot());
        }
    }

    private static void join(Map<FlowNode, Prot> parts, FlowNode node, Prot prot) {
        Prot old = parts.get(node);
        parts.put(node, old == null || old == prot ? prot : Prot.RW);
    }

    private void link(String label, FlowEdge.Via via, Map<FlowNode, Prot> parts) {
        for (var w : parts.entrySet()) {
            for (var r : parts.entrySet()) {
                if (w.getKey() != r.getKey() && w.getValue().writes() && r.getValue().reads()) {
                    edges.add(new FlowEdge(w.getKey(), r.getKey(), via, label));
                }
            }
        }
    }

    private void addGateways() {
        Set<FlowNode> gateways = new LinkedHashSet<>();
        for (Realm r : realms) {
            // a realm's own policy says whether it is a gateway; outside realms are taken at their word
            r.self().filter(PolyPayload.Vm::gateway).ifPresent(self -> gateways.add(nodes.get(r.id())));
            for (PolyPayload.Vm vm : r.payload().vms()) {
                FlowNode n = byHash.get(vm.hash());
                if (vm.gateway() && n != null && n.kind() == FlowNode.Kind.EXTERNAL) {
                    gateways.add(n);
                }
            }
        }
        for (FlowNode g : gateways) {
            edges.add(new FlowEdge(g, FlowNode.HOST, FlowEdge.Via.GATEWAY, "gateway"));
            edges.add(new FlowEdge(FlowNode.HOST, g, FlowEdge.Via.GATEWAY, "gateway"));
        }
    }

    private void addControlTransfers() {
        for (Realm r : realms) {
            for (PolyPayload.Cf cf : r.payload().cfs()) {
                if (cf.type() != CfType.CALL || cf.policy() != CfPolicy.ALLOW || cf.ownerIndex() == PolyLayout.NO_INDEX) {
                    continue;
                }
                FlowNode owner = vmNode(r.payload().vms().get(cf.ownerIndex()));
                edges.add(new FlowEdge(owner, FlowNode.HOST, FlowEdge.Via.CONTROL_TRANSFER,
                        cf.name() + " of " + r.id() + " CALL ALLOW"));
            }
        }
    }

}
