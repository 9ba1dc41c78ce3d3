package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The realm-metadata table and the transition table on their own. */
class TablesTest {
    private static TransitionTable.Key key(int owner, int selector) {
        return new TransitionTable.Key(owner, CfType.CALL, selector);
    }

    @Test
    void transitionTableKeepsOnePolicyPerKeyAndStrictPeerSets() {
        TransitionTable t = new TransitionTable();
        assertEquals(TransitionTable.AddResult.OK, t.add(key(1, 0x17), CfPolicy.BLOCK, false, Set.of()));
        assertEquals(TransitionTable.AddResult.OK, t.add(key(1, 0x17), CfPolicy.BLOCK, false, Set.of()));
        assertEquals(1, t.rules().size());
        assertEquals(TransitionTable.AddResult.POLICY_CONFLICT, t.add(key(1, 0x17), CfPolicy.ALLOW, false, Set.of()));
        assertEquals(TransitionTable.AddResult.OK, t.add(key(1, 0x17), CfPolicy.BLOCK, true, Set.of(2, 3)));
        TransitionTable.Rule r = t.find(key(1, 0x17)).orElseThrow();
        assertTrue(r.strict());
        assertEquals(Set.of(2, 3), r.peers());
        assertEquals(TransitionTable.AddResult.PEER_CONFLICT, t.add(key(1, 0x17), CfPolicy.BLOCK, true, Set.of(2)));
        assertEquals(CfPolicy.ALLOW, t.policyFor(key(9, 0x17)), "no rule: allowed");
        assertTrue(t.nonStrictRulesCoveredBy(Set.of()), "vacuous for no keys");
        t.add(key(4, 0x17), CfPolicy.ALLOW, false, Set.of());
        assertFalse(t.nonStrictRulesCoveredBy(Set.of(key(1, 0x17))));
        assertTrue(t.nonStrictRulesCoveredBy(Set.of(key(4, 0x17))), "strict rules need not be restated");
    }

    @Test
    void transitionTableHoldsAtMost576RulesAndStagesCopies() {
        TransitionTable t = new TransitionTable();
        for (int i = 0; i < TransitionTable.CAPACITY; i++) {
            assertEquals(TransitionTable.AddResult.OK, t.add(key(i, 0x17), CfPolicy.ALLOW, false, Set.of()));
        }
        assertEquals(TransitionTable.AddResult.FULL, t.add(key(-1, 0x17), CfPolicy.ALLOW, false, Set.of()));
        TransitionTable staged = new TransitionTable().copy();
        staged.add(key(1, 1), CfPolicy.BLOCK, false, Set.of());
        TransitionTable live = new TransitionTable();
        assertEquals(0, live.rules().size());
        live.replaceWith(staged);
        assertEquals(CfPolicy.BLOCK, live.policyFor(key(1, 1)));
    }

    @Test
    void metadataTableHoldsEightRealmsAndUniqueIdentities() {
        RealmMetadataTable m = new RealmMetadataTable();
        for (long rd = 1; rd <= RealmMetadataTable.CAPACITY; rd++) {
            assertTrue(m.register(rd * 0x1000, MeasurementValue.ZERO));
        }
        assertFalse(m.register(0x9000, MeasurementValue.ZERO), "full");
        assertFalse(m.register(0x1000, MeasurementValue.ZERO), "already registered");
        m.bind(0x1000, 7);
        assertEquals(Optional.of(0x1000L), m.byHash(7).map(RealmMetadataTable.Entry::rd));
        assertThrows(IllegalStateException.class, () -> m.bind(0x2000, 7));
        assertThrows(IllegalStateException.class, () -> m.bind(0xA000, 8));
        m.remove(0x1000);
        assertEquals(Optional.empty(), m.byHash(7));
        assertTrue(m.register(0x9000, MeasurementValue.ZERO));
    }
}
