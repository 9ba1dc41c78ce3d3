package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RMM-global table of validated control-transfer rules (mica.md §2.6, §2.7): {@code (owner, type,
 * selector) -> policy}, with a strict flag and, for strict rules, the set of peers that agreed on them.
 * Unlike the published table, the owner is the VM's identity (its 32-bit hash), not its index in
 * whichever policy declared it. Capacity {@value #CAPACITY} as published ((8+1) x 8 x 8).
 */
public final class TransitionTable {
    /** Published capacity. */
    public static final int CAPACITY = 576;

    /** The key of a rule: whose exits, which kind, which selector. */
    public record Key(int ownerHash, CfType type, int selector) {
    }

    /**
     * One rule.
     *
     * @param key    owner, type and selector
     * @param policy what happens to the exit
     * @param strict whether a strict realm validated it (then no non-strict realm may add conflicting rules)
     * @param peers  for strict rules, the identities of the strict uploader's peers (empty otherwise)
     */
    public record Rule(Key key, CfPolicy policy, boolean strict, Set<Integer> peers) {
        public Rule {
            peers = Set.copyOf(peers);
        }
    }

    /** Why an addition was refused. */
    public enum AddResult {
        /** Added, or already present with the same policy. */
        OK,
        /** The table is full. */
        FULL,
        /** Present with a different policy. */
        POLICY_CONFLICT,
        /** A strict rule already agreed by a different peer set. */
        PEER_CONFLICT
    }

    private final List<Rule> rules = new ArrayList<>();
    /** Where each key's rule is in {@link #rules} (rules are replaced in place, never removed). */
    private final Map<Key, Integer> positions = new HashMap<>();

    /** An empty table. */
    public TransitionTable() {
    }

    private TransitionTable(TransitionTable from) {
        rules.addAll(from.rules);
        positions.putAll(from.positions);
    }

    /** A copy to stage changes on; see {@link #replaceWith}. */
    public TransitionTable copy() {
        return new TransitionTable(this);
    }

    /** Makes this table equal to {@code staged} (commit of a successful validation). */
    public void replaceWith(TransitionTable staged) {
        rules.clear();
        rules.addAll(staged.rules);
        positions.clear();
        positions.putAll(staged.positions);
    }

    /** Rules in insertion order. */
    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** The rule for {@code key}. */
    public Optional<Rule> find(Key key) {
        Integer at = positions.get(key);
        return at == null ? Optional.empty() : Optional.of(rules.get(at));
    }

    /** The policy governing {@code key}; exits without a rule are allowed. */
    public CfPolicy policyFor(Key key) {
        return find(key).map(Rule::policy).orElse(CfPolicy.ALLOW);
    }

    /**
     * Adds a rule (published {@code transition_table_add}): a rule already present with the same policy
     * is kept, gaining the strict flag and the peer set if it had none.
     */
    public AddResult add(Key key, CfPolicy policy, boolean strict, Set<Integer> peers) {
        Integer at = positions.get(key);
        if (at != null) {
            Rule r = rules.get(at);
            if (r.policy() != policy) {
                return AddResult.POLICY_CONFLICT;
            }
            if (strict && !r.peers().isEmpty() && !peers.isEmpty() && !r.peers().equals(peers)) {
                return AddResult.PEER_CONFLICT;
            }
            rules.set(at, new Rule(key, policy, r.strict() || strict, r.peers().isEmpty() ? peers : r.peers()));
            return AddResult.OK;
        }
        if (rules.size() >= CAPACITY) {
            return AddResult.FULL;
        }
        positions.put(key, rules.size());
        rules.add(new Rule(key, policy, strict, peers));
        return AddResult.OK;
    }

    /**
     * The published strict-mode check: every non-strict rule already in the table must be among
     * {@code keys} (a strict realm accepts no rule it did not agree to). Vacuously true for no keys.
     */
    public boolean nonStrictRulesCoveredBy(Set<Key> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        return rules.stream().filter(r -> !r.strict()).allMatch(r -> keys.contains(r.key()));
    }
}
