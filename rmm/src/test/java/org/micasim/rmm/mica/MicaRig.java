package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.List;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.attestation.CcaTokenIssuer;
import org.micasim.rmm.attestation.HashAlgorithmId;
import org.micasim.rmm.attestation.RealmAttestationKey;
import org.micasim.rmm.attestation.RealmClaims;
import org.micasim.rmm.attestation.SimulatedPlatform;
import org.micasim.rmm.realm.Rd;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgram;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.SmcResult;

/**
 * A real machine whose RMM runs the Mica extension, and a host that builds realms for Mica tests through
 * RMI only: 44-bit IPA space (so the published GPAs such as 0x180_0000_0000 are protected), a guest
 * program image at IPA 0, a zero page for the policy at {@link #POLICY_IPA}, a host-call page at
 * {@link #HOST_CALL_IPA}, RIPAS RAM over the channel ranges, a PD and a dummy page.
 */
final class MicaRig implements AutoCloseable {
    static final long POLICY_IPA = 0x1000;
    static final long HOST_CALL_IPA = 0x2000;
    static final long SCRATCH_IPA = 0x3000;
    static final int S2SZ = 44;
    static final long UNPROTECTED = 1L << (S2SZ - 1);
    static final SimulatedPlatform PLATFORM = new SimulatedPlatform(7);

    final GuestProgramRegistry programs = new GuestProgramRegistry();
    final MicaExtension mica = new MicaExtension();
    final RmmTestbed t;
    private int vmid = 1;
    /** Whether {@link #create} registers a policy descriptor. */
    boolean registerPd = true;

    /** A realm the rig built: its RD and its one REC. */
    record Realm(long rd, long rec) {
    }

    MicaRig() {
        t = new RmmTestbed(programs, PLATFORM, tokens(PLATFORM), mica);
        t.ok(RmiCommand.RMI_SGT, t.delegated());
    }

    /** Tokens as TF-RMM builds them: the realm's claims signed with the platform's RAK. */
    static Rmm.TokenIssuerFactory tokens(SimulatedPlatform p) {
        return rmm -> {
            RealmAttestationKey rak = p.rak();
            CcaTokenIssuer issuer = new CcaTokenIssuer(rak, p.platformToken(rak.publicKeyHash()));
            return (rd, challenge) -> issuer.issue(claims(rd, challenge, rak));
        };
    }

    static RealmClaims claims(Rd rd, byte[] challenge, RealmAttestationKey rak) {
        HashAlgorithmId algo = HashAlgorithmId.fromClaimName(rd.hashAlgo().ianaName()).orElseThrow();
        List<byte[]> rems = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            rems.add(java.util.Arrays.copyOf(rd.measurement(i), algo.digestSize()));
        }
        return RealmClaims.of(challenge, rd.rpv(), rd.rimDigest(), rems, algo, rak);
    }

    MicaState state() {
        return mica.state();
    }

    /**
     * Creates realm {@code program} (NEW): RTTs for the image, its pages and the channel IPAs, RIPAS RAM
     * over every channel, PD and dummy page, one runnable REC at PC 0. {@code rpvByte} fills the RPV.
     */
    Realm create(String program, GuestProgram code, int rpvByte, long... channels) {
        programs.register(program, () -> code);
        long rtt = t.delegated();
        byte[] rpv = new byte[64];
        java.util.Arrays.fill(rpv, (byte) rpvByte);
        RmiRealmParams q = RmiRealmParams.zero().with("s2sz", S2SZ).with("num_bps", 1).with("num_wps", 1)
                .with("rtt_base", rtt).with("rtt_level_start", 0).with("rtt_num_start", 1).with("vmid", vmid++)
                .with("hash_algo", 0);
        RmiRealmParams p = new RmiRealmParams(q.flags(), q.s2sz(), q.sveVl(), q.numBps(), q.numWps(),
                q.pmuNumCtrs(), q.hashAlgo(), rpv, q.vmid(), q.rttBase(), q.rttLevelStart(), q.rttNumStart());
        long rd = t.createRealm(p);
        tables(rd, 0);
        t.write(RmmTestbed.SRC, GuestImage.granules(program, new byte[0]));
        t.ok(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), 0, RmmTestbed.SRC, 1);
        t.write(RmmTestbed.SRC, new byte[4096]);
        for (long ipa : new long[] {POLICY_IPA, HOST_CALL_IPA, SCRATCH_IPA}) {
            t.ok(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), ipa, RmmTestbed.SRC, 0);
        }
        for (long base : channels) {
            tables(rd, base);
            t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, base, base + 0x20_0000);
        }
        tables(rd, UNPROTECTED);
        if (registerPd) {
            t.ok(RmiCommand.RMI_REALM_PD, rd, t.delegated());
        }
        t.ok(RmiCommand.RMI_REALM_DUMMY_PAGE, rd, t.delegated());
        t.recParams(0, 0, true);
        long rec = t.delegated();
        t.ok(RmiCommand.RMI_REC_CREATE, rd, rec, RmmTestbed.REC_PARAMS);
        return new Realm(rd, rec);
    }

    /** Level 1..3 RTTs covering {@code ipa}. */
    void tables(long rd, long ipa) {
        for (int level = 1; level <= 3; level++) {
            long align = ~((1L << (12 + 9 * (4 - level))) - 1);
            SmcResult r = t.smc(RmiCommand.RMI_RTT_CREATE, rd, t.delegated(), ipa & align, level);
            if (r.x0() != 0 && (r.x0() & 0xFF) != 4) {
                throw new AssertionError("RTT_CREATE failed: " + RmiReturn.format(r.x0()));
            }
        }
    }

    void activate(Realm r) {
        t.ok(RmiCommand.RMI_REALM_ACTIVATE, r.rd());
    }

    /** Maps {@code pages} shared pages from {@code pa} at {@code ipa} of {@code r} (the prefault step). */
    void share(Realm r, long ipa, long pa, int pages) {
        for (int k = 0; k < pages; k++) {
            t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), pa + k * 4096L, ipa + k * 4096L);
        }
    }

    /** {@code n} fresh delegated contiguous granules for a channel. */
    long channel(int n) {
        return t.delegatedContiguous(n);
    }

    /** Enters the REC once (the host completes nothing) and returns its exit. */
    RmiRecExit enter(Realm r) {
        t.write(RmmTestbed.RUN, new byte[RmiRecRun.SIZE]);
        t.ok(RmiCommand.RMI_REC_ENTER, r.rec(), RmmTestbed.RUN);
        return RmiRecExit.decode(t.read(RmmTestbed.RUN + RmiRecRun.OFFSET_EXIT, RmiRecExit.SIZE));
    }

    /** Stage-2 entry of {@code ipa}: {walk level, state, desc, ripas} as RTT_READ_ENTRY reports them. */
    SmcResult entry(Realm r, long ipa) {
        return t.ok(RmiCommand.RMI_RTT_READ_ENTRY, r.rd(), ipa, 3);
    }

    /** Maps {@code pages} fresh Non-secure pages at the realm's first unprotected IPAs; returns their PA. */
    long hostBuffer(Realm r, int pages) {
        long base = t.granule();
        for (int k = 1; k < pages; k++) {
            t.granule();
        }
        for (int k = 0; k < pages; k++) {
            t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNPROTECTED + k * 4096L, 3, nsDesc(base + k * 4096L));
        }
        return base;
    }

    /** An RTT_MAP_UNPROTECTED descriptor: OA, normal write-back memory, read-write. */
    static long nsDesc(long pa) {
        return pa | org.micasim.rmm.rtt.S2tte.MEMATTR_NORMAL_WB | org.micasim.rmm.rtt.S2tte.S2AP_RW;
    }

    /** The realm's RIM as the RMM holds it. */
    MeasurementValue rim(Realm r) {
        return MeasurementValue.of(t.rmm.state().rdAt(r.rd()).rim());
    }

    static MeasurementValue rpv(int fill) {
        byte[] b = new byte[64];
        java.util.Arrays.fill(b, (byte) fill);
        return MeasurementValue.of(b);
    }

    /** The 64-byte challenge the guest passes in X1..X6 (X7, X8 are zero). */
    static byte[] challenge(long... words) {
        byte[] c = new byte[64];
        for (int i = 0; i < words.length; i++) {
            LittleEndian.put64(c, 8 * i, words[i]);
        }
        return c;
    }

    // ---- guest side ----

    /**
     * Group attestation from the guest: INIT_GROUP with {@code words} as X1..X6, then CONTINUE_GROUP into
     * the scratch page, copying the stream to the host buffer at the first unprotected IPAs; returns
     * {status of the last call, total size, members, image size}.
     */
    static long[] attestGroup(GuestCpu cpu, long... words) {
        long[] init = cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid(), words);
        if (init[0] != 0) {
            return new long[] {init[0], 0, 0, 0};
        }
        long copied = 0;
        byte[] buf = new byte[4096];
        long status;
        do {
            long[] r = cpu.smc(RsiCommand.RSI_ATTEST_TOKEN_CONTINUE_GROUP.fid(), SCRATCH_IPA, 0, 4096);
            status = r[0];
            if (status != 0 && status != 3) {
                break;
            }
            cpu.load(SCRATCH_IPA, buf, 0, (int) r[1]);
            cpu.store(UNPROTECTED + copied, buf, 0, (int) r[1]);
            copied += r[1];
        } while (status == 3);
        return new long[] {status, init[1], init[2], init[3]};
    }

    /** Writes {@code policy} into the policy page and uploads it; returns X0. */
    static long upload(GuestCpu cpu, byte[] policy) {
        cpu.store(POLICY_IPA, policy, 0, policy.length);
        return cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), POLICY_IPA)[0];
    }

    /** Reports {@code values} to the host in a host call (exit gprs 0..n-1); returns X0 of the call. */
    static long report(GuestCpu cpu, long... values) {
        byte[] hc = new byte[256];
        for (int i = 0; i < values.length; i++) {
            LittleEndian.put64(hc, 8 + 8 * i, values[i]);
        }
        cpu.store(HOST_CALL_IPA, hc, 0, hc.length);
        return cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), HOST_CALL_IPA)[0];
    }

    @Override
    public void close() {
        t.close();
    }
}
