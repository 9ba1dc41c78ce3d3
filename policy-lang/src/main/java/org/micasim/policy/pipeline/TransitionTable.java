package org.micasim.policy.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.Literals;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.codec.PolyLayout;
import org.micasim.policy.codec.PolyPayload;

/**
 * The RMM's global transition table as the uploads of a pipeline fill it (mica.md §4.6 step 6):
 * control-transfer rules must be single-valued over a realm and its loaded peers; a non-strict
 * realm adds its rules, which must not contradict any rule already there; a strict realm must
 * repeat every non-strict rule already there and pins its rules to its peer set.
 */
final class TransitionTable {
    /** (owner hash, or -1 for no owner; type; selector) */
    private record Key(long owner, CfType type, long selector) {}

    /** A rule and where it was written. */
    private record Rule(Key key, CfPolicy policy, Realm realm, String cf, SourceSpan span) {
        String describe() {
            return cf + " of realm " + realm.id() + " (" + span.position() + ")";
        }
    }

    private record Entry(Rule rule, boolean strict, Set<Long> peers) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private final Set<List<SourceSpan>> reported = new java.util.HashSet<>();

    void upload(Realm self, Iterable<Realm> peers, List<Diagnostic> out) {
        Map<Key, Rule> union = new LinkedHashMap<>();
        Set<Key> contested = new java.util.HashSet<>();
        collect(self, union, contested, out);
        for (Realm peer : peers) {
            collect(peer, union, contested, out);
        }
        // a rule that already contradicts a peer is reported once, not again against the table
        contested.forEach(union::remove);
        boolean strict = self.self().map(PolyPayload.Vm::strict).orElse(false);
        if (!strict) {
            for (Rule r : union.values()) {
                Entry e = entries.get(r.key());
                if (e != null && e.rule().policy() != r.policy()) {
                    conflict(r, e.rule(), out);
                } else if (e == null) {
                    add(new Entry(r, false, Set.of()), r, out);
                }
            }
            return;
        }
        if (!union.isEmpty()) {
            for (Entry e : entries.values()) {
                Rule listed = union.get(e.rule().key());
                if (!e.strict() && (listed == null || listed.policy() != e.rule().policy())) {
                    out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, self.selfSpan(), "strict realm " + self.id()
                            + " does not list the rule " + describe(e.rule()) + " of " + e.rule().describe()
                            + ", which is already in the transition table"));
                }
            }
        }
        Set<Long> peerSet = new TreeSet<>();
        PolyPayload p = self.payload();
        for (int i = 0; i < p.vms().size(); i++) {
            if (i != p.selfIndex()) {
                peerSet.add(p.vms().get(i).hash());
            }
        }
        for (Rule r : union.values()) {
            Entry e = entries.get(r.key());
            if (e != null && e.rule().policy() != r.policy()) {
                conflict(r, e.rule(), out);
            } else if (e != null && e.strict() && !e.peers().equals(peerSet)) {
                out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, r.span(), "strict rule " + describe(r) + " of "
                        + r.describe() + " is pinned to peers " + hexes(peerSet) + ", but " + e.rule().describe()
                        + " pinned it to peers " + hexes(e.peers())));
            } else {
                add(new Entry(e == null ? r : e.rule(), true, peerSet), r, out);
            }
        }
    }

    private void add(Entry entry, Rule at, List<Diagnostic> out) {
        if (!entries.containsKey(entry.rule().key()) && entries.size() >= AgreementChecker.TRANSITION_TABLE_CAPACITY) {
            out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, at.span(), "the transition table is full ("
                    + AgreementChecker.TRANSITION_TABLE_CAPACITY + " entries) when " + at.describe() + " is added"));
            return;
        }
        entries.put(entry.rule().key(), entry);
    }

    /** Adds the rules of {@code realm} to {@code union}, reporting rules that contradict it. */
    private void collect(Realm realm, Map<Key, Rule> union, Set<Key> contested, List<Diagnostic> out) {
        PolyPayload p = realm.payload();
        for (int c = 0; c < p.cfs().size(); c++) {
            PolyPayload.Cf cf = p.cfs().get(c);
            long owner = cf.ownerIndex() == PolyLayout.NO_INDEX ? -1 : realm.hashOf(cf.ownerIndex()).orElseThrow();
            for (int v = 0; v < cf.range().size(); v++) {
                Rule r = new Rule(new Key(owner, cf.type(), cf.range().get(v)), cf.policy(), realm, cf.name(),
                        realm.cfValueSpan(c, v));
                Rule first = union.putIfAbsent(r.key(), r);
                if (first != null && first.policy() != r.policy() && !Objects.equals(first.realm(), realm)) {
                    conflict(first, r, out);
                    contested.add(r.key());
                }
            }
        }
    }

    /** Reports that two rules contradict each other, once per pair however often uploads meet it. */
    private void conflict(Rule r, Rule other, List<Diagnostic> out) {
        if (reported.add(List.of(r.span(), other.span()))) {
            out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, r.span(), r.cf() + " of realm " + r.realm().id()
                    + " gives " + describe(r) + " policy " + r.policy() + ", but " + other.describe() + " gives "
                    + other.policy()));
        }
    }

    private static String describe(Rule r) {
        String owner = r.key().owner() < 0 ? "no owner" : "owner hash " + Literals.hex(r.key().owner());
        return "(" + owner + ", " + r.key().type() + ", " + Literals.hex(r.key().selector()) + ")";
    }

    private static String hexes(Set<Long> hashes) {
        List<String> out = new ArrayList<>();
        hashes.forEach(h -> out.add(Literals.hex(h)));
        return "{" + String.join(", ", out) + "}";
    }
}
