package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.invariant.InvariantReport;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * The host-side attacks of docs/security.md's catalogue that the RMM 1.0 core stops (the Mica ones are
 * tested where Mica is: rmm/src/test/.../mica). Each builds a realm holding a secret page on a fresh
 * default platform, attacks it, and checks the attack failed with the spec's status, changed nothing,
 * and left every invariant intact.
 */
class AttackCatalogueTest {
    private static final long PARAMS = 0x8000_0000L;
    private static final long SRC = 0x8000_2000L;
    private static final byte[] SECRET = "the realm's secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A realm with one DATA page holding SECRET at IPA 0. */
    private static final class Victim implements AutoCloseable {
        final FuzzTarget t = FuzzTarget.standard(1, 7, true).boot(new GuestProgramRegistry(), false);
        final HostCpu host = t.host(0);
        long next = 0x8800_0000L;
        final long rd;
        final long root;
        final long l2;
        final long l3;
        final long data;

        Victim(int vmid) throws PhysicalAccessException {
            rd = delegated();
            root = delegated();
            l2 = delegated();
            l3 = delegated();
            data = delegated();
            host.write(PARAMS, RmiRealmParams.zero().with("s2sz", 39).with("num_bps", 1).with("num_wps", 1)
                .with("rtt_base", root).with("rtt_level_start", 1).with("rtt_num_start", 1).with("vmid", vmid).encode());
            ok(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
            ok(RmiCommand.RMI_RTT_CREATE, rd, l2, 0, 2);
            ok(RmiCommand.RMI_RTT_CREATE, rd, l3, 0, 3);
            host.write(SRC, SECRET);
            ok(RmiCommand.RMI_DATA_CREATE, rd, data, 0, SRC, 1);
            host.write(SRC, new byte[SECRET.length]);
        }

        long delegated() {
            long pa = next;
            next += 0x1000;
            ok(RmiCommand.RMI_GRANULE_DELEGATE, pa);
            return pa;
        }

        void ok(RmiCommand c, long... args) {
            assertEquals("RMI_SUCCESS", status(c, args), c.name());
        }

        String status(RmiCommand c, long... args) {
            return RmiReturn.format(host.smc(c.fid(), args).x0());
        }

        InvariantReport check() {
            return t.checker().check();
        }

        @Override
        public void close() {
            t.close();
        }
    }

    @Test
    void theHostCannotReadOrWriteRealmMemory() throws PhysicalAccessException {
        try (Victim v = new Victim(1)) {
            for (long pa : new long[] {v.rd, v.root, v.l2, v.l3, v.data}) {
                assertThrows(PhysicalAccessException.class, () -> v.host.read(pa, 8), String.format("read 0x%x", pa));
                assertThrows(PhysicalAccessException.class, () -> v.host.write(pa, new byte[] {1}),
                    String.format("write 0x%x", pa));
            }
            assertArrayEquals(SECRET, v.t.machine().peek(v.data, SECRET.length), "the failed write changed nothing");
            assertTrue(v.check().ok(), v.check().toString());
        }
    }

    @Test
    void theHostCannotRemapARealmsPageIntoAnotherRealmOrUseItAsATable() throws PhysicalAccessException {
        try (Victim v = new Victim(1)) {
            long rd2 = v.delegated();
            long root2 = v.delegated();
            long l2b = v.delegated();
            long l3b = v.delegated();
            v.host.write(PARAMS, RmiRealmParams.zero().with("s2sz", 39).with("num_bps", 1).with("num_wps", 1)
                .with("rtt_base", root2).with("rtt_level_start", 1).with("rtt_num_start", 1).with("vmid", 2).encode());
            v.ok(RmiCommand.RMI_REALM_CREATE, rd2, PARAMS);
            v.ok(RmiCommand.RMI_RTT_CREATE, rd2, l2b, 0, 2);
            v.ok(RmiCommand.RMI_RTT_CREATE, rd2, l3b, 0, 3);
            long before = v.check().fingerprint();
            assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN, rd2, v.data, 0), "data_state");
            assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_DATA_CREATE, rd2, v.data, 0, SRC, 0), "data_state");
            assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_RTT_CREATE, rd2, v.data, 0x20_0000L, 3), "rtt_state");
            assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_RTT_CREATE, rd2, v.l3, 0x20_0000L, 3),
                "another realm's RTT");
            assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_REALM_CREATE, v.data, PARAMS), "rd_state");
            assertEquals(before, v.check().fingerprint(), "the rejected calls changed nothing");
            assertTrue(v.check().ok(), v.check().toString());
        }
    }

    @Test
    void theHostCannotReclaimAGranuleStillInUse() throws PhysicalAccessException {
        try (Victim v = new Victim(1)) {
            long before = v.check().fingerprint();
            for (long pa : new long[] {v.rd, v.root, v.l2, v.l3, v.data}) {
                assertEquals("RMI_ERROR_INPUT", v.status(RmiCommand.RMI_GRANULE_UNDELEGATE, pa),
                    String.format("undelegate 0x%x (gran_state)", pa));
            }
            assertEquals("RMI_ERROR_RTT(3)", v.status(RmiCommand.RMI_RTT_DESTROY, v.rd, 0, 3), "rtt_live");
            assertEquals("RMI_ERROR_REALM", v.status(RmiCommand.RMI_REALM_DESTROY, v.rd), "realm_live");
            assertEquals(before, v.check().fingerprint(), "the rejected calls changed nothing");
            assertTrue(v.check().ok(), v.check().toString());
        }
    }

    @Test
    void aGranuleTheHostGetsBackReadsAsZeros() throws PhysicalAccessException {
        try (Victim v = new Victim(1)) {
            v.ok(RmiCommand.RMI_DATA_DESTROY, v.rd, 0);
            v.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, v.data);
            byte[] page = v.host.read(v.data, 4096);
            assertTrue(Arrays.equals(new byte[4096], page), "the realm's secret is gone");
            assertTrue(v.check().ok(), v.check().toString());
        }
    }
}
