package org.micasim.rmm.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins every offset and size of the ABI structures (DEN0137 §B4.4, rmm.md §6). */
class AbiLayoutTest {

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    @Test
    void realmParams_offsets_matchSpec() {
        assertEquals(0x1000, RmiRealmParams.SIZE);
        byte[] rpv = new byte[64];
        for (int i = 0; i < 64; i++) {
            rpv[i] = (byte) (0xA0 + i);
        }
        RmiRealmParams p = new RmiRealmParams(0x7, 40, 3, 5, 6, 7, 1, rpv, 0x1234, 0x8800_0000L, 1, 2);
        byte[] b = p.encode();
        assertEquals(0x7, le64(b, 0x000));
        assertEquals(40, b[0x008]);
        assertEquals(3, b[0x010]);
        assertEquals(5, b[0x018]);
        assertEquals(6, b[0x020]);
        assertEquals(7, b[0x028]);
        assertEquals(1, b[0x030]);
        assertEquals((byte) 0xA0, b[0x400]);
        assertEquals((byte) 0xDF, b[0x43F]);
        assertEquals(0x1234, le64(b, 0x800));
        assertEquals(0x8800_0000L, le64(b, 0x808));
        assertEquals(1, le64(b, 0x810));
        assertEquals(2, le64(b, 0x818));
        int nonZero = 0;
        for (byte x : b) {
            nonZero += x != 0 ? 1 : 0;
        }
        // flags, 6 UInt8s, 64 RPV bytes, 2 VMID bytes, 3 rtt_base bytes (0x00,0x00,0x88), level, num
        assertEquals(1 + 6 + 64 + 2 + 1 + 1 + 1, nonZero);
        assertEquals(p, RmiRealmParams.decode(b));
    }

    @Test
    void realmParams_with_setsSpecNamedFields() {
        RmiRealmParams p = RmiRealmParams.zero().with("s2sz", 40).with("rtt_level_start", 1)
            .with("rtt_num_start", 2).with("rtt_base", 0x9000_0000L).with("hash_algo", 1).with("vmid", 7)
            .with("rpv", 0x1122);
        assertEquals(40, p.s2sz());
        assertEquals(1, p.rttLevelStart());
        assertEquals(2, p.rttNumStart());
        assertEquals(0x9000_0000L, p.rttBase());
        assertEquals(1, p.hashAlgo());
        assertEquals(7, p.vmid());
        assertEquals(0x22, p.rpv()[0]);
        assertEquals(0x11, p.rpv()[1]);
        assertThrows(IllegalArgumentException.class, () -> p.with("pmu", 1));
    }

    @Test
    void recParams_offsets_matchSpec() {
        assertEquals(0x1000, RmiRecParams.SIZE);
        long[] gprs = {10, 11, 12, 13, 14, 15, 16, 17};
        long[] aux = new long[16];
        for (int i = 0; i < 16; i++) {
            aux[i] = 0x1000L * (i + 1);
        }
        RmiRecParams p = new RmiRecParams(1, 0x0102_0304L, 0x8000, gprs, 16, aux);
        byte[] b = p.encode();
        assertEquals(1, le64(b, 0x000));
        assertEquals(0x0102_0304L, le64(b, 0x100));
        assertEquals(0x8000, le64(b, 0x200));
        for (int i = 0; i < 8; i++) {
            assertEquals(10 + i, le64(b, 0x300 + 8 * i));
        }
        assertEquals(16, le64(b, 0x800));
        for (int i = 0; i < 16; i++) {
            assertEquals(0x1000L * (i + 1), le64(b, 0x808 + 8 * i));
        }
        assertEquals(p, RmiRecParams.decode(b));
        assertEquals(17, p.with("gprs7", 17).gprs()[7]);
        assertEquals(0x5000, p.with("aux15", 0x5000).aux()[15]);
        assertThrows(IllegalArgumentException.class, () -> p.with("gprs8", 1));
    }

    @Test
    void recRun_enterAndExit_offsets_matchSpec() {
        long[] g = new long[31];
        for (int i = 0; i < 31; i++) {
            g[i] = 100 + i;
        }
        long[] lrs = new long[16];
        lrs[15] = 0xABCD;
        RmiRecEnter enter = new RmiRecEnter(0x1F, g, 0x55, lrs);
        RmiRecExit exit = RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_HOST_CALL).setEsr(0x1)
            .setFar(0x2).setHpfar(0x3).setGpr(30, 0x4).setGicv3Hcr(0x5).setGicv3Lr(15, 0x6)
            .setRipasBase(0x7).setRipasTop(0x8).setRipasValue(2).setImm(0x1234);
        byte[] b = new RmiRecRun(enter, exit).encode();
        assertEquals(0x1000, b.length);
        assertEquals(0x1F, le64(b, 0x000));
        assertEquals(100, le64(b, 0x200));
        assertEquals(130, le64(b, 0x2F0));
        assertEquals(0x55, le64(b, 0x300));
        assertEquals(0xABCD, le64(b, 0x380));
        assertEquals(5, le64(b, 0x800));
        assertEquals(1, le64(b, 0x900));
        assertEquals(2, le64(b, 0x908));
        assertEquals(3, le64(b, 0x910));
        assertEquals(4, le64(b, 0xAF0));
        assertEquals(5, le64(b, 0xB00));
        assertEquals(6, le64(b, 0xB80));
        assertEquals(7, le64(b, 0xD00));
        assertEquals(8, le64(b, 0xD08));
        assertEquals(2, b[0xD10]);
        assertEquals(0x1234, le64(b, 0xE00));
        RmiRecRun back = RmiRecRun.decode(b);
        assertEquals(enter, back.enter());
        assertEquals(exit, back.exit());
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, back.exit().exitReason());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void structures_roundTripRandomImages(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RmiRecParams p = new RmiRecParams(r.nextLong(), r.nextLong(), r.nextLong(),
            r.longs(8).toArray(), r.nextLong(), r.longs(16).toArray());
        assertEquals(p, RmiRecParams.decode(p.encode()), "seed " + seed);
        byte[] rpv = new byte[64];
        r.nextBytes(rpv);
        RmiRealmParams q = new RmiRealmParams(r.nextLong(), r.nextInt(256), r.nextInt(256), r.nextInt(256),
            r.nextInt(256), r.nextInt(256), r.nextInt(256), rpv, r.nextInt(65536), r.nextLong(), r.nextLong(),
            r.nextLong() & 0xFFFF_FFFFL);
        assertArrayEquals(q.encode(), RmiRealmParams.decode(q.encode()).encode(), "seed " + seed);
    }

    @Test
    void commands_lookupByNameAndFid() {
        assertEquals(0xC400_0151L, RmiCommand.byName("RMI_GRANULE_DELEGATE").orElseThrow().fid());
        assertEquals(RmiCommand.RMI_RTT_SET_RIPAS, RmiCommand.byFid(0xC400_0169L).orElseThrow());
        assertEquals(RmiCommand.RMI_REALM_DUMMY_PAGE, RmiCommand.byFid(0xC400_016FL).orElseThrow());
        assertEquals(RmiCommand.RMI_VERSION, RmiCommand.byFid(0xC401_0150L).orElseThrow());
        assertEquals(true, RmiCommand.byFid(0xC400_0156L).isEmpty());
        assertEquals(27, RmiCommand.values().length);
        assertEquals(23, java.util.Arrays.stream(RmiCommand.values()).filter(c -> !c.isMicaExtension()).count());
        assertEquals(RsiCommand.RSI_HOST_CALL, RsiCommand.byFid(0xC400_0199L).orElseThrow());
        assertEquals(RsiCommand.PSCI_SYSTEM_OFF, RsiCommand.byName("PSCI_SYSTEM_OFF").orElseThrow());
        assertEquals(0xC400_01B1L, RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid());
    }

    @Test
    void returnCode_packsAndFormats() {
        RmiReturn r = new RmiReturn(RmiStatus.RMI_ERROR_RTT, 2);
        assertEquals(0x204, r.pack());
        assertEquals("RMI_ERROR_RTT(2)", r.toString());
        assertEquals("RMI_ERROR_RTT(0)", RmiReturn.format(4));
        assertEquals("RMI_SUCCESS", RmiReturn.format(0));
        assertEquals("RMI_ERROR_REALM(1)", RmiReturn.format(0x102));
        assertEquals("SMC_NOT_SUPPORTED", RmiReturn.format(-1));
        assertEquals("0x10005", RmiReturn.format(0x10005));
        assertEquals(r, RmiReturn.parse("RMI_ERROR_RTT(2)").orElseThrow());
        assertEquals(RmiReturn.SUCCESS, RmiReturn.parse("RMI_SUCCESS").orElseThrow());
        assertEquals(true, RmiReturn.parse("RMI_ERROR_RTT(x)").isEmpty());
    }
}
