package org.micasim.realms.workload;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgram;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Runs a catalogued program inside a realm, in the two phases of the published use cases:
 * <ol>
 *   <li><b>setup</b>: upload the realm's policy (carried in its measured image parameters) with
 *   RSI_UPLOAD_POLICY, report the status to the host in an RSI_HOST_CALL ({@link #READY}); if the host's
 *   answer asks for it (X0 = 1, the challenge in X1..X8), attest the group with
 *   RSI_ATTEST_TOKEN_INIT_GROUP (the 64-byte challenge in X1..X8) / CONTINUE_GROUP, copy the stream into the host-shared mailbox and report
 *   it ({@link #ATTESTED});</li>
 *   <li><b>app</b>: the program itself. Its channels are IPA ranges reached through the guest's loads and
 *   stores (so through stage 2, the TLB and the granule protection check); it waits for a peer by
 *   yielding the PE to the host with RSI_HOST_CALL ({@link #YIELD}), as a guest kernel would block on a
 *   doorbell interrupt. A failure is reported ({@link #FAILED}, message in X0..X29) before the program
 *   ends, so the host can say why.</li>
 * </ol>
 */
public final class GuestWorkload implements GuestProgram {
    /** RsiHostCall immediate: the workload waits for its peers ("YI"). */
    public static final int YIELD = 0x5949;
    /** RsiHostCall immediate: setup done; X0 = RSI status of the upload (or -1 with no policy) ("RD"). */
    public static final int READY = 0x5244;
    /** RsiHostCall immediate: group stream in the mailbox; X0 status, X1 bytes, X2 members ("AT"). */
    public static final int ATTESTED = 0x4154;
    /** RsiHostCall immediate: the program failed; X0..X29 hold the UTF-8 message, X30 its length ("FA"). */
    public static final int FAILED = 0x4641;
    /** Parameter: the 256-byte-aligned IPA of the realm's RsiHostCall structure. */
    public static final String HOST_CALL_PARAMETER = "hostcall";
    /** Parameter: IPA of the private granule the policy is uploaded from. */
    public static final String POLICY_IPA_PARAMETER = "policyipa";
    /** Parameter: the POLY v1 policy, hex. */
    public static final String POLICY_PARAMETER = "policy";
    /** Parameter: IPA of the private granule CONTINUE_GROUP writes into. */
    public static final String ATTEST_BUFFER_PARAMETER = "attestbuf";
    /** Parameters: IPA and size of the host-shared attestation mailbox (gateways only). */
    public static final String MAILBOX_PARAMETER = "mailbox";
    public static final String MAILBOX_SIZE_PARAMETER = "mailboxsize";

    private static final int GPRS = 31;

    private final ProgramSpec spec;

    public GuestWorkload(ProgramSpec spec) {
        this.spec = spec;
    }

    /** Registers every program of {@code catalog} in {@code registry}. */
    public static GuestProgramRegistry registerAll(WorkloadCatalog catalog, GuestProgramRegistry registry) {
        for (ProgramSpec p : catalog.all().values()) {
            registry.register(p.name(), () -> new GuestWorkload(p));
        }
        return registry;
    }

    @Override
    public void run(GuestCpu cpu) {
        WorkloadParameters parameters = WorkloadParameters.decode(cpu.parameters());
        long hostCall = parameters.getLong(HOST_CALL_PARAMETER);
        try {
            setup(cpu, parameters, hostCall);
            BoundRealm realm = new BoundRealm(spec, parameters, (base, length) -> new GuestMemory(cpu, base, length),
                    why -> hostCall(cpu, hostCall, YIELD, new long[0]), cpu::compute);
            spec.factory().get().run(realm);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            hostCall(cpu, hostCall, FAILED, packMessage(spec.name() + ": " + msg));
        }
    }

    private void setup(GuestCpu cpu, WorkloadParameters p, long hostCall) {
        long status = -1;
        if (p.has(POLICY_PARAMETER)) {
            byte[] policy = HexFormat.of().parseHex(p.get(POLICY_PARAMETER));
            long page = p.getLong(POLICY_IPA_PARAMETER);
            cpu.store(page, policy, 0, policy.length);
            status = cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), page)[0];
        }
        long[] answer = hostCall(cpu, hostCall, READY, new long[] {status});
        if (answer[0] != 1) {
            return;
        }
        long[] challenge = new long[8];
        System.arraycopy(answer, 1, challenge, 0, 8);
        long[] init = cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid(), challenge);
        if (init[0] != RsiStatus.RSI_SUCCESS.code()) {
            hostCall(cpu, hostCall, ATTESTED, new long[] {init[0], 0, 0});
            return;
        }
        long total = init[1];
        long mailbox = p.getLong(MAILBOX_PARAMETER);
        if (total > p.getLong(MAILBOX_SIZE_PARAMETER)) {
            throw new IllegalStateException("group stream of " + total + " bytes does not fit the mailbox");
        }
        long buffer = p.getLong(ATTEST_BUFFER_PARAMETER);
        byte[] chunk = new byte[4096];
        long copied = 0;
        long st;
        do {
            long[] r = cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_CONTINUE_GROUP.fid(), buffer, 0, 4096);
            st = r[0];
            if (st != RsiStatus.RSI_SUCCESS.code() && st != RsiStatus.RSI_INCOMPLETE.code()) {
                break;
            }
            int n = (int) r[1];
            cpu.load(buffer, chunk, 0, n);
            cpu.store(mailbox + copied, chunk, 0, n);
            copied += n;
        } while (st == RsiStatus.RSI_INCOMPLETE.code());
        hostCall(cpu, hostCall, ATTESTED, new long[] {st, copied, init[2]});
    }

    /** RSI_HOST_CALL with {@code imm} and X0.. = {@code values}; returns the X0..X30 the host put back. */
    static long[] hostCall(GuestCpu cpu, long ipa, int imm, long[] values) {
        byte[] hc = new byte[8 + 8 * GPRS];
        hc[0] = (byte) imm;
        hc[1] = (byte) (imm >>> 8);
        for (int i = 0; i < values.length && i < GPRS; i++) {
            for (int k = 0; k < 8; k++) {
                hc[8 + 8 * i + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        cpu.store(ipa, hc, 0, hc.length);
        long[] r = cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), ipa);
        if (r[0] != RsiStatus.RSI_SUCCESS.code()) {
            throw new IllegalStateException(String.format("RSI_HOST_CALL failed with status %d", r[0]));
        }
        long[] out = new long[GPRS];
        for (int i = 0; i < GPRS; i++) {
            out[i] = cpu.load64(ipa + 8 + 8L * i);
        }
        return out;
    }

    /** A message in X0..X29 (240 bytes at most), its length in X30. */
    static long[] packMessage(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(b.length, 8 * (GPRS - 1));
        long[] v = new long[GPRS];
        for (int i = 0; i < len; i++) {
            v[i / 8] |= (b[i] & 0xFFL) << (8 * (i % 8));
        }
        v[GPRS - 1] = len;
        return v;
    }

    /** Inverse of {@link #packMessage}. */
    public static String unpackMessage(long[] gprs) {
        int len = (int) Math.min(Math.max(gprs[GPRS - 1], 0), 8 * (GPRS - 1));
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (gprs[i / 8] >>> (8 * (i % 8)));
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A channel region as the guest reaches it: loads and stores at base IPA + offset. */
    private record GuestMemory(GuestCpu cpu, long base, long size) implements ChannelMemory {
        @Override
        public long load64(long offset) {
            return cpu.load64(base + offset);
        }

        @Override
        public void store64(long offset, long value) {
            cpu.store64(base + offset, value);
        }

        @Override
        public void load(long offset, byte[] dst, int off, int len) {
            cpu.load(base + offset, dst, off, len);
        }

        @Override
        public void store(long offset, byte[] src, int off, int len) {
            cpu.store(base + offset, src, off, len);
        }
    }
}
