package org.micasim.simulator.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.firmware.MonitorResult;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.pe.SysReg;

class El3ServicesTest {
    static final long BUF = 0x8100_0000L;

    /** A platform whose token is the challenge followed by 100 bytes counting up. */
    static final class FakePlatform implements PlatformAttestation {
        @Override
        public byte[] realmAttestationKey() {
            byte[] k = new byte[48];
            Arrays.fill(k, (byte) 0x11);
            return k;
        }

        @Override
        public byte[] platformToken(byte[] challenge) {
            byte[] t = Arrays.copyOf(challenge, challenge.length + 100);
            for (int i = 0; i < 100; i++) {
                t[challenge.length + i] = (byte) i;
            }
            return t;
        }
    }

    @Test
    void realmKeyAndPlatformTokenInHunks() {
        List<MonitorResult> results = new ArrayList<>();
        List<byte[]> hunks = new ArrayList<>();
        ScriptedFirmware fw = new ScriptedFirmware();
        fw.on(0xC400_0150L, (c, s) -> {
            results.add(s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, BUF));
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_REALM_KEY, BUF, 4096, 0));
            byte[] key = new byte[48];
            s.read(Pas.REALM, BUF, key, 0, 48);
            hunks.add(key);
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_REALM_KEY, BUF, 4096, 1));
            byte[] challenge = new byte[64];
            Arrays.fill(challenge, (byte) 0x42);
            s.write(Pas.REALM, BUF, challenge, 0, 64);
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_PLAT_TOKEN, BUF, 100, 64));
            byte[] h1 = new byte[100];
            s.read(Pas.REALM, BUF, h1, 0, 100);
            hunks.add(h1);
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_PLAT_TOKEN, BUF, 100, 0));
            byte[] h2 = new byte[64];
            s.read(Pas.REALM, BUF, h2, 0, 64);
            hunks.add(h2);
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_PLAT_TOKEN, BUF, 100, 0));
            results.add(s.monitorCall(SmcFid.RMM_ATTEST_GET_PLAT_TOKEN, BUF, 100, 33));
            results.add(s.monitorCall(SmcFid.RMM_RMI_REQ_COMPLETE, 0));
            results.add(s.monitorCall(0xC400_01FFL));
            c.setX(0, 0);
        });
        try (Machine m = Machine.builder().firmware(fw).platformAttestation(new FakePlatform()).build()) {
            m.boot();
            assertEquals(0, m.host(0).smc(0xC400_0150L).x0());
        }
        assertEquals(new MonitorResult(0, 0, 0, 0), results.get(0));
        assertEquals(new MonitorResult(0, 48, 0, 0), results.get(1));
        assertEquals(0x11, hunks.get(0)[47]);
        assertEquals(-5, results.get(2).x0(), "unknown curve: E_RMM_INVAL");
        assertEquals(new MonitorResult(0, 100, 64, 0), results.get(3));
        assertEquals(0x42, hunks.get(1)[63]);
        assertEquals(35, hunks.get(1)[99]);
        assertEquals(new MonitorResult(0, 64, 0, 0), results.get(4));
        assertEquals(36, hunks.get(2)[0]);
        assertEquals(99, hunks.get(2)[63]);
        assertEquals(-5, results.get(5).x0(), "nothing left to fetch");
        assertEquals(-5, results.get(6).x0(), "challenge size must be 32, 48 or 64");
        assertEquals(-1, results.get(7).x0(), "REQ_COMPLETE is the handler's return, not a call");
        assertEquals(-1, results.get(8).x0());
    }

    @Test
    void hostGranuleProtectionFaultGoesToEl3WhenScrGpfIsSet() throws Exception {
        ScriptedFirmware fw = new ScriptedFirmware();
        fw.on(0xC400_0151L, (c, s) -> c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, c.x(1)).x0()));
        fw.on(0xC400_0152L, (c, s) -> s.read64(Pas.ROOT, 0x0600_0000L));
        try (Machine m = Machine.builder().firmware(fw).build()) {
            m.boot();
            assertEquals(0, m.host(0).smc(0xC400_0151L, BUF).x0());
            m.pe(0).setSys(SysReg.SCR_EL3, m.pe(0).sys(SysReg.SCR_EL3) | SysReg.SCR_GPF);
            PhysicalAccessException e = assertThrows(PhysicalAccessException.class, () -> m.host(0).write64(BUF, 1));
            assertEquals(BUF, e.pa());
            assertEquals(0x1E, m.pe(0).sys(SysReg.ESR_EL3) >>> 26);
            assertEquals(1, (m.pe(0).sys(SysReg.ESR_EL3) >>> 6) & 1, "WnR");
            assertEquals(BUF | (1L << 63), m.pe(0).sys(SysReg.MFAR_EL3));
            assertEquals(2, m.host(0).smc(0xC400_0152L).x0(), "R-EL2 cannot reach the Root PAS");
            assertArrayEquals(new byte[8], m.peek(BUF, 8));
        }
    }
}
