package org.micasim.realms.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.attestation.CcaTokenVerifier;
import org.micasim.rmm.attestation.SimulatedPlatform;
import org.micasim.rmm.attestation.VerifiedCcaToken;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;

/**
 * The end-to-end path: the host builds a realm from an image, the guest reads its RIM, extends a
 * REM, gets an attestation token, makes a host call and an MMIO access, and exits by PSCI SYSTEM_OFF;
 * the host destroys the realm, undelegates everything and finds every granule zeroed.
 */
class RealmEndToEndTest {
    private static final long SEED = 42;
    private static final long TOKEN_BUF = 0x8000;
    private static final long HOST_CALL = 0x10000;

    /** What the guest saw, filled on the vCPU thread and read after the run. */
    static final class Seen {
        long version;
        byte[] rim = new byte[64];
        byte[] rem1 = new byte[64];
        long extendStatus;
        long initStatus;
        long tokenBound;
        long lastContinue;
        int continueCalls;
        byte[] token;
        long hostCallStatus;
        long[] hostCallReply = new long[3];
        long mmioRead;
    }

    static byte[] words(GuestCpu cpu, long[] r) {
        byte[] b = new byte[64];
        for (int i = 0; i < 8; i++) {
            long w = i < 4 ? r[i + 1] : cpu.x(i + 1);
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        return b;
    }

    static void guest(GuestCpu cpu, Seen seen, long mmioBase) {
        seen.version = cpu.smc(RsiCommand.RSI_VERSION.fid(), 0x10000)[0];
        seen.rim = words(cpu, cpu.smc(RsiCommand.RSI_MEASUREMENT_READ.fid(), 0));
        seen.extendStatus = cpu.smc(RsiCommand.RSI_MEASUREMENT_EXTEND.fid(), 1, 32, 1, 2, 3, 4)[0];
        seen.rem1 = words(cpu, cpu.smc(RsiCommand.RSI_MEASUREMENT_READ.fid(), 1));
        cpu.smc(RsiCommand.RSI_MEASUREMENT_READ.fid(), 2); // zeroes X1..X8: challenge words 6, 7 are 0
        long[] init = cpu.smc(RsiCommand.RSI_ATTESTATION_TOKEN_INIT.fid(), 11, 12, 13, 14, 15, 16);
        seen.initStatus = init[0];
        seen.tokenBound = init[1];
        ByteArrayOutputStream token = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            long[] r = cpu.smc(RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE.fid(), TOKEN_BUF, offset, 256);
            seen.lastContinue = r[0];
            seen.continueCalls++;
            if (r[0] != RsiStatus.RSI_SUCCESS.code() && r[0] != RsiStatus.RSI_INCOMPLETE.code()) {
                break;
            }
            byte[] chunk = new byte[(int) r[1]];
            cpu.load(TOKEN_BUF + offset, chunk, 0, chunk.length);
            token.writeBytes(chunk);
            offset += r[1];
            if (r[0] == RsiStatus.RSI_SUCCESS.code()) {
                break;
            }
        }
        seen.token = token.toByteArray();
        cpu.store64(HOST_CALL, 7);
        cpu.store64(HOST_CALL + 8, 100);
        cpu.store64(HOST_CALL + 16, 200);
        seen.hostCallStatus = cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), HOST_CALL)[0];
        for (int i = 0; i < 3; i++) {
            seen.hostCallReply[i] = cpu.load64(HOST_CALL + 8 + 8L * i);
        }
        cpu.store64(mmioBase + 0x10, 0xABCD);
        seen.mmioRead = cpu.load64(mmioBase + 0x18);
    }

    @Test
    void realm_measuresAttestsAndIsTornDownToZeros() throws Exception {
        Seen seen = new Seen();
        long mmioBase = 1L << (RealmHost.S2SZ - 1);
        GuestProgramRegistry programs = new GuestProgramRegistry().register("e2e", () -> cpu -> guest(cpu, seen, mmioBase));
        SimulatedPlatform platform = new SimulatedPlatform(SEED);
        List<long[]> mmioWrites = new ArrayList<>();
        MmioHandler mmio = new MmioHandler() {
            @Override
            public long read(long ipa, int size) {
                return ipa == mmioBase + 0x18 ? 0x5555 : 0;
            }

            @Override
            public void write(long ipa, int size, long value) {
                mmioWrites.add(new long[] {ipa, size, value});
            }
        };
        try (Machine m = DefaultPlatform.builder().guestPrograms(programs).attestation(platform).build()) {
            RealmHost host = new RealmHost(m.host(0), new GranulePool(0x9000_0000L, 0x1000_0000L));
            HostedRealm realm = host.build(new RealmImage("e2e", new byte[] {1, 2, 3}, 32, 1, 0, null, 5));
            RunOutcome out = host.run(realm, (imm, g) -> {
                long[] reply = g.clone();
                reply[0] = imm + g[0] + g[1];
                return reply;
            }, mmio, 100_000);
            assertEquals(RunOutcome.Reason.SYSTEM_OFF, out.reason(), out.toString());
            assertEquals(0, seen.version);
            assertEquals(0, seen.extendStatus);
            byte[] value = new byte[32];
            for (int i = 0; i < 4; i++) {
                value[8 * i] = (byte) (i + 1);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[32]);
            assertArrayEquals(Arrays.copyOf(sha.digest(value), 64), seen.rem1, "REM1 = H(0^32 || value)");
            assertEquals(0, seen.initStatus);
            assertEquals(4096, seen.tokenBound);
            assertEquals(RsiStatus.RSI_SUCCESS.code(), seen.lastContinue);
            assertEquals((seen.token.length + 255) / 256, seen.continueCalls, "RSI_INCOMPLETE per 256-byte chunk");
            VerifiedCcaToken v = new CcaTokenVerifier(platform.platformPublicKey()).verify(seen.token);
            byte[] challenge = new byte[64];
            for (int i = 0; i < 6; i++) {
                challenge[8 * i] = (byte) (11 + i);
            }
            assertArrayEquals(challenge, v.realm().challenge());
            assertArrayEquals(Arrays.copyOf(seen.rim, 32), v.realm().initialMeasurement());
            assertArrayEquals(Arrays.copyOf(seen.rem1, 32), v.realm().extensibleMeasurements().get(0));
            assertEquals(0, seen.hostCallStatus);
            assertArrayEquals(new long[] {307, 200, 0}, seen.hostCallReply, "imm + gprs0 + gprs1");
            assertEquals(1, mmioWrites.size());
            assertArrayEquals(new long[] {mmioBase + 0x10, 8, 0xABCD}, mmioWrites.get(0));
            assertEquals(0x5555, seen.mmioRead);
            host.destroy(realm);
            for (long pa : realm.delegatedGranules()) {
                assertArrayEquals(new byte[4096], m.host(0).read(pa, 4096), String.format("granule 0x%x", pa));
            }
            assertEquals(2 + 1 + 2 + 1 + 2 + 1 + 16, realm.delegatedGranules().size(),
                "roots, RD, L2+L3 RTTs, image DATA, two populated RAM granules, REC, 16 aux");
        }
    }
}
