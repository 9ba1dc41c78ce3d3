package org.micasim.policy.pipeline;

import java.util.List;
import org.micasim.policy.ast.Literals;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.codec.PolyPayload;

/**
 * Peer agreement on one PROTECTED memory object (mica.md §4.6 step 2): same name, type and size;
 * equal ANY mappings when both have one; every named mapping of each view present in the other
 * with equal gpa, prot and VM flags, or covered by the other's ANY within its count.
 */
final class ObjectAgreement {
    private final Realm self;
    private final int mem;
    private final Realm peer;
    private final List<Diagnostic> out;

    ObjectAgreement(Realm self, int mem, Realm peer, List<Diagnostic> out) {
        this.self = self;
        this.mem = mem;
        this.peer = peer;
        this.out = out;
    }

    void check() {
        PolyPayload.Mem mine = self.payload().mems().get(mem);
        int pm = peer.memIndex(mine.name());
        if (pm < 0 || peer.payload().mems().get(pm).type() != MemType.PROTECTED) {
            String what = pm < 0 ? "has no " + mine.name() : "declares " + mine.name() + " "
                    + peer.payload().mems().get(pm).type() + " at " + peer.memSpan(pm).position();
            error(self.memSpan(mem), mine.name() + " of realm " + self.id() + " names realm " + peer.id()
                    + ", which " + what + (pm < 0 ? " (" + peer.policy().span().position() + ")" : ""));
            return;
        }
        PolyPayload.Mem theirs = peer.payload().mems().get(pm);
        if (mine.size() != theirs.size()) {
            error(self.sizeSpan(mem), "size " + Literals.hex(mine.size()) + " of " + mine.name() + " in realm " + self.id()
                    + " disagrees with size " + Literals.hex(theirs.size()) + " in realm " + peer.id() + " ("
                    + peer.sizeSpan(pm).position() + ")");
        }
        compareAny(mine, theirs, pm);
        new Direction(self, mem, peer, pm, true).check();
        new Direction(peer, pm, self, mem, false).check();
    }

    private void compareAny(PolyPayload.Mem mine, PolyPayload.Mem theirs, int pm) {
        int a = anyIndex(mine);
        int b = anyIndex(theirs);
        if (a < 0 || b < 0) {
            return;
        }
        PolyPayload.Map x = mine.mappings().get(a);
        PolyPayload.Map y = theirs.mappings().get(b);
        if (x.gpa() != y.gpa() || x.prot() != y.prot() || x.anyCount() != y.anyCount()) {
            error(self.mappingSpan(mem, a), "ANY mapping of " + mine.name() + " in realm " + self.id() + " ("
                    + describe(x) + ") disagrees with the one in realm " + peer.id() + " (" + describe(y) + ", "
                    + peer.mappingSpan(pm, b).position() + ")");
        }
    }

    private static int anyIndex(PolyPayload.Mem m) {
        for (int i = 0; i < m.mappings().size(); i++) {
            if (m.mappings().get(i).isAny()) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(PolyPayload.Map m) {
        return "gpa " + Literals.hex(m.gpa()) + ", prot " + m.prot().keyword() + (m.isAny() ? ", any-count " + m.anyCount() : "");
    }

    private void error(SourceSpan at, String message) {
        out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, at, message));
    }

    /**
     * Every named mapping of {@code from}'s view must be matched in {@code to}'s. Field mismatches
     * are reported only in the first direction, so that each disagreement appears once.
     */
    private final class Direction {
        private final Realm from;
        private final int fromMem;
        private final Realm to;
        private final int toMem;
        private final boolean compareFields;
        private int anyUses;

        Direction(Realm from, int fromMem, Realm to, int toMem, boolean compareFields) {
            this.from = from;
            this.fromMem = fromMem;
            this.to = to;
            this.toMem = toMem;
            this.compareFields = compareFields;
        }

        void check() {
            List<PolyPayload.Map> maps = from.payload().mems().get(fromMem).mappings();
            for (int k = 0; k < maps.size(); k++) {
                if (!maps.get(k).isAny()) {
                    match(k, maps.get(k));
                }
            }
        }

        private void match(int k, PolyPayload.Map m) {
            long hash = from.hashOf(m.vmIndex()).orElseThrow();
            PolyPayload.Vm vm = from.payload().vms().get(m.vmIndex());
            String memName = from.payload().mems().get(fromMem).name();
            String where = "mapping " + vm.name() + " of " + memName + " in realm " + from.id();
            List<PolyPayload.Map> theirs = to.payload().mems().get(toMem).mappings();
            for (int t = 0; t < theirs.size(); t++) {
                PolyPayload.Map o = theirs.get(t);
                if (!o.isAny() && to.hashOf(o.vmIndex()).orElseThrow() == hash) {
                    if (compareFields) {
                        compareFields(k, m, vm, t, o, where);
                    }
                    return;
                }
            }
            int any = anyIndex(to.payload().mems().get(toMem));
            if (any < 0) {
                error(from.mappingSpan(fromMem, k), where + " has no counterpart in realm " + to.id() + "'s " + memName
                        + " (" + to.memSpan(toMem).position() + "), which has no ANY mapping");
                return;
            }
            PolyPayload.Map a = theirs.get(any);
            String anyAt = to.mappingSpan(toMem, any).position();
            if (a.gpa() != m.gpa() || a.prot() != m.prot()) {
                error(from.mappingSpan(fromMem, k), where + " (" + describe(m) + ") is neither named in realm " + to.id()
                        + "'s " + memName + " nor covered by its ANY mapping (" + describe(a) + ", " + anyAt + ")");
            } else if (a.anyCount() != -1 && ++anyUses > a.anyCount()) {
                error(from.mappingSpan(fromMem, k), where + " would be realm number " + anyUses + " admitted by the ANY"
                        + " mapping of realm " + to.id() + " (" + anyAt + "), whose any-count is " + a.anyCount());
            }
        }

        private void compareFields(int k, PolyPayload.Map m, PolyPayload.Vm vm, int t, PolyPayload.Map o, String where) {
            String other = "realm " + to.id() + " (" + to.mappingSpan(toMem, t).position() + ")";
            if (m.gpa() != o.gpa()) {
                error(from.mappingSpan(fromMem, k), where + " has gpa " + Literals.hex(m.gpa()) + " but " + other
                        + " has " + Literals.hex(o.gpa()));
            }
            if (m.prot() != o.prot()) {
                error(from.mappingSpan(fromMem, k), where + " has prot " + m.prot().keyword() + " but " + other
                        + " has " + o.prot().keyword());
            }
            PolyPayload.Vm ovm = to.payload().vms().get(o.vmIndex());
            if (vm.gateway() != ovm.gateway() || vm.strict() != ovm.strict()) {
                error(from.vmSpan(m.vmIndex()), vm.name() + " of realm " + from.id() + " has " + flags(vm) + " but realm "
                        + to.id() + " (" + to.vmSpan(o.vmIndex()).position() + ") has " + flags(ovm));
            }
        }

        private static String flags(PolyPayload.Vm vm) {
            return "is-gateway " + vm.gateway() + ", strict " + vm.strict();
        }
    }
}
