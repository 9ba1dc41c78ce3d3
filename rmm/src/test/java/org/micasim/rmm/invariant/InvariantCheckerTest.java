package org.micasim.rmm.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.GranuleState;

class InvariantCheckerTest {
    private static List<String> names(InvariantReport r) {
        return r.violations().stream().map(Violation::invariant).toList();
    }

    /** A realm with one DATA page at IPA 0 (RTTs at levels 2 and 3); returns {rd, data}. */
    private static long[] realmWithData(RmmTestbed t) {
        long rd = t.createRealm(1);
        t.mapTables(rd, 0);
        long data = t.delegated();
        t.write(RmmTestbed.SRC, new byte[] {1, 2, 3});
        t.ok(RmiCommand.RMI_DATA_CREATE, rd, data, 0, RmmTestbed.SRC, 0);
        return new long[] {rd, data};
    }

    @Test
    void aBuiltRealmAndItsTeardownKeepEveryInvariant() {
        try (RmmTestbed t = new RmmTestbed()) {
            InvariantChecker c = new InvariantChecker(t.rmm.state(), PhysicalView.of(t.machine));
            assertTrue(c.check().ok());
            long[] o = realmWithData(t);
            assertEquals(List.of(), names(c.check()));
            t.ok(RmiCommand.RMI_DATA_DESTROY, o[0], 0);
            assertEquals(List.of(), names(c.check()));
            t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, o[1]);
            assertEquals(List.of(), names(c.check()));
        }
    }

    @Test
    void aFailedCallLeavesTheFingerprintAndASuccessfulOneChangesIt() {
        try (RmmTestbed t = new RmmTestbed()) {
            InvariantChecker c = new InvariantChecker(t.rmm.state(), PhysicalView.of(t.machine));
            long[] o = realmWithData(t);
            long before = c.check().fingerprint();
            assertEquals("RMI_ERROR_INPUT", t.status(RmiCommand.RMI_GRANULE_UNDELEGATE, o[1]));
            assertEquals(before, c.check().fingerprint());
            t.ok(RmiCommand.RMI_DATA_DESTROY, o[0], 0);
            assertNotEquals(before, c.check().fingerprint());
        }
    }

    @Test
    void aWrongRttRefcountIsReported() {
        try (RmmTestbed t = new RmmTestbed()) {
            RmmState s = t.rmm.state();
            InvariantChecker c = new InvariantChecker(s, PhysicalView.of(t.machine));
            long rd = realmWithData(t)[0];
            s.granules().lookup(s.rdAt(rd).s2().rttBase()).refcountInc();
            assertEquals(List.of("rtt-refcount"), names(c.check()));
        }
    }

    /** The machine's memory, except that {@code dirty} reads as holding a 42 (as if a scrub were missed). */
    private static PhysicalView dirtyAt(RmmTestbed t, long dirty) {
        PhysicalView real = PhysicalView.of(t.machine);
        return new PhysicalView() {
            @Override
            public int gpi(long pa) {
                return real.gpi(pa);
            }

            @Override
            public byte[] peek(long pa, int len) {
                byte[] b = real.peek(pa, len);
                if (pa == dirty) {
                    b[0] = 42;
                }
                return b;
            }
        };
    }

    @Test
    void aDelegatedGranuleWithDataAndAGranuleReturnedDirtyAreReported() {
        try (RmmTestbed t = new RmmTestbed()) {
            long pa = t.delegated();
            InvariantChecker c = new InvariantChecker(t.rmm.state(), dirtyAt(t, pa));
            assertEquals(List.of("delegated-zero"), names(c.check()));
            t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, pa);
            assertEquals(List.of("scrubbed-on-return"), names(c.check()));
            assertEquals(List.of(), names(c.check()), "the host may write its own granule afterwards");
        }
    }

    @Test
    void aDataGranuleWhoseStateChangesUnderItsMappingIsReported() {
        try (RmmTestbed t = new RmmTestbed()) {
            RmmState s = t.rmm.state();
            InvariantChecker c = new InvariantChecker(s, PhysicalView.of(t.machine));
            long data = realmWithData(t)[1];
            s.granules().lookup(data).transition(GranuleState.DELEGATED);
            List<String> v = names(c.check());
            assertTrue(v.contains("data-state"), v.toString());
            assertTrue(v.contains("delegated-zero"), v.toString());
        }
    }
}
