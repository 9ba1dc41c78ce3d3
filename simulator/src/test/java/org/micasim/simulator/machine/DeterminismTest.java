package org.micasim.simulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.micasim.simulator.trace.TraceRecorder;

class DeterminismTest {
    /** Runs the realm scenario of {@link MachineTest} on a fresh machine; returns its trace, statistics and cycles. */
    private static String scenario() throws Exception {
        MachineTest t = new MachineTest();
        t.setUp();
        try {
            TraceRecorder rec = new TraceRecorder();
            t.machine.tracer().addListener(rec);
            t.prepareRealm("adder", (byte) 3);
            t.machine.host(0).smc(MachineTest.RUN, 0);
            t.machine.host(1).smc(0x8400_0000L);
            return rec.toText() + t.machine.statistics().toText() + t.machine.cycles(0) + "/" + t.machine.cycles(1);
        } finally {
            t.tearDown();
        }
    }

    @Test
    void sameInputsGiveTheSameTraceAndCycles() throws Exception {
        String first = scenario();
        String second = scenario();
        assertEquals(first, second);
        for (String kind : new String[] {"SMC_CALL", "SMC_RETURN", "WORLD_SWITCH", "GPT_CHANGE", "TLBI", "REALM_ENTRY", "REALM_EXIT"}) {
            assertTrue(first.contains(kind), "trace shows " + kind);
        }
    }
}
