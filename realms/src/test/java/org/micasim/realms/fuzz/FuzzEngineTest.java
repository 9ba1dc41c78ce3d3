package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FuzzEngineTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aSmallCampaignFindsNoViolationAndNoUndefinedOutcome(long seed) {
        FuzzReport r = new FuzzEngine(FuzzTarget.standard(1, 7, true), true).run(3, 300, seed);
        assertTrue(r.failure().isEmpty(), () -> "seed " + seed + ": " + r.failure().get().detail() + "\n"
            + r.failure().get().script());
        assertEquals(3, r.sequences(), "seed " + seed);
        assertEquals(900, r.rmiCalls(), "seed " + seed);
    }
}
