package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.simulator.machine.SmcResult;
import org.junit.jupiter.api.Test;

/** Build a realm's memory, read it back through RTT_READ_ENTRY, tear everything down. */
class RealmLifecycleSmokeTest {
    @Test
    void buildAndTearDown_returnsEveryGranuleZeroed() {
        try (RmmTestbed t = new RmmTestbed()) {
            long rttBase = t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
            long rd = t.createRealm(RmmTestbed.params(rttBase, 1));
            long l2 = t.delegated();
            long l3 = t.delegated();
            t.ok(RmiCommand.RMI_RTT_CREATE, rd, l2, 0, 2);
            t.ok(RmiCommand.RMI_RTT_CREATE, rd, l3, 0, 3);
            byte[] content = new byte[4096];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (i * 7 + 1);
            }
            t.write(RmmTestbed.SRC, content);
            long data = t.delegated();
            t.ok(RmiCommand.RMI_DATA_CREATE, rd, data, 0x1000, RmmTestbed.SRC, 1);
            SmcResult e = t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, 0x1000, 3);
            assertEquals(3, e.x1());
            assertEquals(1, e.x2());
            assertEquals(data, e.x3());
            assertEquals(1, e.x4());
            assertEquals("RMI_ERROR_RTT(3)", t.status(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), 0x1000,
                RmmTestbed.SRC, 1));
            SmcResult d = t.ok(RmiCommand.RMI_DATA_DESTROY, rd, 0x1000);
            assertEquals(data, d.x1());
            assertEquals(0x200000, d.x2());
            assertEquals(2, t.ok(RmiCommand.RMI_RTT_READ_ENTRY, rd, 0x1000, 3).x4(), "RIPAS DESTROYED");
            assertEquals("RMI_ERROR_REALM", t.status(RmiCommand.RMI_REALM_DESTROY, rd));
            SmcResult r3 = t.ok(RmiCommand.RMI_RTT_DESTROY, rd, 0, 3);
            assertEquals(l3, r3.x1());
            t.ok(RmiCommand.RMI_RTT_DESTROY, rd, 0, 2);
            t.ok(RmiCommand.RMI_REALM_DESTROY, rd);
            for (long pa : new long[] {rd, l2, l3, data, rttBase, rttBase + 0x1000}) {
                t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, pa);
                assertArrayEquals(new byte[4096], t.read(pa, 4096), String.format("granule 0x%x", pa));
            }
        }
    }
}
