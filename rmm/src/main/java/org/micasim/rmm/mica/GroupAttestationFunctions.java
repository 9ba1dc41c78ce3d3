package org.micasim.rmm.mica;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.attestation.GroupAggregate;
import org.micasim.rmm.attestation.GroupMember;
import org.micasim.rmm.attestation.HashAlgorithmId;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rsi.AttestationFunctions;
import org.micasim.rmm.rsi.IpaTranslation;
import org.micasim.rmm.rsi.RealmTokenIssuer;
import org.micasim.rmm.rsi.RsiOutcome;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.timing.EventKind;

/**
 * RSI_ATTEST_TOKEN_INIT_GROUP and RSI_ATTEST_TOKEN_CONTINUE_GROUP (mica.md §5.2): attest the caller's
 * whole SGT-connected group with one CCA token whose RIM, REM[0] and RPV claims aggregate every member,
 * followed by every member's stored policy image, caller first, in discovery order.
 */
final class GroupAttestationFunctions {
    /** The stream a REC is copying out: token, then the policy images. */
    private static final class Stream {
        final byte[] bytes;
        int copied;

        Stream(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    private final MicaState m;
    private final RmmState s;
    /** Per REC; a destroyed REC's entry goes with it. Shared by every PE, so used under its own monitor. */
    private final Map<Rec, Stream> streams = new WeakHashMap<>();

    GroupAttestationFunctions(MicaState m) {
        this.m = m;
        this.s = m.rmm();
    }

    /**
     * RSI_ATTEST_TOKEN_INIT_GROUP(challenge in X1..X8) → X1 total stream size, X2 number of members, X3
     * size of each policy image. Failures: more than {@value GroupDiscovery#MAX_GROUP} realms connected →
     * RSI_ERROR_INPUT; the platform cannot sign tokens → RSI_ERROR_UNKNOWN. Any group stream of this REC
     * is abandoned first.
     *
     * <p>Locks: the Mica lock, then every member's RD (the caller's included), only tried because they
     * come before the Mica lock in the order; if one is busy (its realm is, say, uploading its policy)
     * everything is released and the group is read again. The members' measurements, policy images and
     * the SGT are therefore read at one instant; the token is signed after all locks are released.
     */
    RsiOutcome init(Rec rec) {
        RealmVcpu v = rec.vcpu();
        synchronized (streams) {
            streams.remove(rec);
        }
        byte[] challenge = new byte[64];
        for (int i = 0; i < 8; i++) {
            long w = v.x(1 + i);
            for (int k = 0; k < 8; k++) {
                challenge[8 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        Rd caller = rec.owner();
        GroupSnapshot snap;
        for (int attempt = 0; ; attempt++) {
            m.lock();
            try {
                snap = snapshot(caller);
            } finally {
                m.unlock();
            }
            if (snap != null) {
                break;
            }
            Thread.yield();
        }
        if (snap.view() == null) {
            return fail(v, RsiStatus.RSI_ERROR_INPUT);
        }
        RealmTokenIssuer issuer = s.tokenIssuer();
        if (issuer == null) {
            return fail(v, RsiStatus.RSI_ERROR_UNKNOWN);
        }
        byte[] token = issuer.issue(snap.view(), challenge);
        s.services().events().event(EventKind.SIGN, 1);
        if (token.length > AttestationFunctions.TOKEN_BUFFER_SIZE) {
            return fail(v, RsiStatus.RSI_ERROR_UNKNOWN);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(token);
        for (byte[] image : snap.images()) {
            out.writeBytes(image);
        }
        synchronized (streams) {
            streams.put(rec, new Stream(out.toByteArray()));
        }
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        v.setX(1, out.size());
        v.setX(2, snap.images().size());
        v.setX(3, PolicyImage.SIZE);
        return RsiOutcome.RETURN_TO_REALM;
    }

    /**
     * What a group token is made of: the aggregate view of the caller and the members' policy images, in
     * discovery order; a null view if the group is too large.
     */
    private record GroupSnapshot(Rd view, List<byte[]> images) {
    }

    /** Under the Mica lock: the group and the token's inputs; null if a member's RD was busy. */
    private GroupSnapshot snapshot(Rd caller) {
        SharedGranuleTable sgt = m.loadSgt().orElseGet(SharedGranuleTable::new);
        Optional<List<Long>> group = GroupDiscovery.discover(sgt, caller.pa(), GroupDiscovery.MAX_GROUP);
        if (group.isEmpty()) {
            return new GroupSnapshot(null, List.of());
        }
        List<Granule> locked = new ArrayList<>();
        try {
            for (long pa : group.get()) {
                Granule g = s.granules().lookup(pa);
                if (g == null || !g.tryLock()) {
                    return null;
                }
                locked.add(g);
            }
            List<GroupMember> members = new ArrayList<>();
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < locked.size(); i++) {
                long pa = group.get().get(i);
                Rd member = locked.get(i).state() == GranuleState.RD ? s.rdAt(pa) : null;
                if (member == null) {
                    throw new IllegalStateException(String.format("SGT names realm 0x%x, which does not exist", pa));
                }
                members.add(new GroupMember(member.rim(), member.measurement(PolicyUploadFunction.POLICY_SLOT),
                        member.rpv()));
                images.add(PolicyUploadFunction.imageOf(m, pa));
            }
            GroupAggregate agg = GroupAggregate.compute(algorithmId(caller.hashAlgo()), members);
            return new GroupSnapshot(aggregateView(caller, agg), images);
        } finally {
            for (Granule g : locked) {
                g.unlock();
            }
        }
    }

    /**
     * A stand-in realm descriptor that the token issuer reads as the caller, but whose RIM, REM[0] and
     * RPV are the group aggregates (REM[1..3] stay the caller's).
     */
    private static Rd aggregateView(Rd caller, GroupAggregate agg) {
        Rd view = new Rd(caller.granule(), caller.s2(), caller.hashAlgo(), agg.rpv(), caller.flags(),
                caller.pmuNumCtrs(), caller.sveVl(), agg.rimSlot());
        view.setMeasurement(PolicyUploadFunction.POLICY_SLOT, agg.policySlot());
        for (int i = PolicyUploadFunction.POLICY_SLOT + 1; i < Rd.NUM_MEASUREMENTS; i++) {
            view.setMeasurement(i, caller.measurement(i));
        }
        return view;
    }

    /** The attestation library's name for a realm hash algorithm. */
    static HashAlgorithmId algorithmId(RmiHashAlgorithm algo) {
        return HashAlgorithmId.fromClaimName(algo.ianaName()).orElseThrow();
    }

    /**
     * RSI_ATTEST_TOKEN_CONTINUE_GROUP(addr, offset, size) → X1 bytes copied. Failures, in order: addr not
     * 4 KiB aligned, not protected, offset ≥ 4096, offset + size overflows or exceeds 4096 →
     * RSI_ERROR_INPUT; no group attestation in progress → RSI_ERROR_STATE; RIPAS EMPTY, or a mapping the
     * realm may not write (a read-only shared page) → RSI_ERROR_INPUT; RIPAS RAM but unmapped → stage-2
     * fault exit. Otherwise copies min(size, remaining) bytes: RSI_INCOMPLETE while bytes remain (or size
     * is 0), RSI_SUCCESS with the last chunk.
     */
    RsiOutcome cont(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long addr = v.x(1);
        long offset = v.x(2);
        long size = v.x(3);
        if (!AttestationFunctions.isTokenBuffer(rec, addr, offset, size)) {
            return fail(v, RsiStatus.RSI_ERROR_INPUT);
        }
        Stream st;
        synchronized (streams) {
            st = streams.get(rec);
        }
        if (st == null) {
            return fail(v, RsiStatus.RSI_ERROR_STATE);
        }
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rec.owner(), addr);
        if (t.kind() == IpaTranslation.Kind.EMPTY) {
            return fail(v, RsiStatus.RSI_ERROR_INPUT);
        }
        if (t.kind() == IpaTranslation.Kind.FAULT) {
            return new RsiOutcome.Stage2Fault(addr, t.level());
        }
        try {
            if (!IpaTranslation.writable(s.rtts(), rec.owner(), addr)) {
                return fail(v, RsiStatus.RSI_ERROR_INPUT);
            }
            int n = (int) Math.min(size, st.bytes.length - st.copied);
            byte[] chunk = new byte[n];
            System.arraycopy(st.bytes, st.copied, chunk, 0, n);
            s.writeRealm(t.pa() + offset, chunk);
            st.copied += n;
            v.setX(1, n);
        } finally {
            t.unlock(s.rtts());
        }
        if (st.copied < st.bytes.length || size == 0) {
            v.setX(0, RsiStatus.RSI_INCOMPLETE.code());
        } else {
            synchronized (streams) {
                streams.remove(rec);
            }
            v.setX(0, RsiStatus.RSI_SUCCESS.code());
        }
        return RsiOutcome.RETURN_TO_REALM;
    }

    private static RsiOutcome fail(RealmVcpu v, RsiStatus status) {
        v.setX(0, status.code());
        v.setX(1, 0);
        return RsiOutcome.RETURN_TO_REALM;
    }
}
