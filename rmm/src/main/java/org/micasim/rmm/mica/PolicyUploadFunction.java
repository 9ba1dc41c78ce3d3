package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rsi.IpaTranslation;
import org.micasim.rmm.rsi.RsiOutcome;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RSI_UPLOAD_POLICY (mica.md §4.6): parse the realm's POLY v1 policy, validate it against its peers and
 * the SGT, and, only if everything holds, commit: bind the identity, store the descriptor image, move the
 * realm's shared IPAs from the dummy page to their pages with the declared permission, adopt the new
 * control-transfer rules, restrict unprotected memory, and extend the image into measurement slot 1.
 */
final class PolicyUploadFunction {
    /** Measurement slot that holds the policy (REM[0] of the token). */
    static final int POLICY_SLOT = 1;

    private final MicaState m;
    private final RmmState s;

    PolicyUploadFunction(MicaState m) {
        this.m = m;
        this.s = m.rmm();
    }

    /**
     * RSI_UPLOAD_POLICY(ipa). Failure conditions, in order: ipa not 4 KiB aligned or not protected →
     * RSI_ERROR_INPUT; RIPAS EMPTY → RSI_ERROR_INPUT; RIPAS RAM but not mapped → stage-2 fault exit (the
     * call runs again once the host mapped the page); the policy does not parse → RSI_ERROR_INPUT; a
     * policy was already uploaded → RSI_ERROR_INPUT; no policy descriptor, or validation or activation
     * fails → RSI_ERROR_INPUT. Success: RSI_SUCCESS with the effects above.
     *
     * <p>Locks: the realm's RD for the whole call, so no RMI command changes its RTTs, Mica fields or
     * measurements meanwhile; the RTTs from the root to read the policy page; then the Mica lock for the
     * validation, the check of the shared IPAs (their RTTs only tried, the Mica lock being ordered after
     * them; busy means start the validation again) and the Mica half of the commit; then, without the Mica
     * lock, the RTT half (remapping the shared IPAs, sweeping unprotected memory) and the measurement.
     */
    RsiOutcome upload(Rec rec) {
        RealmVcpu v = rec.vcpu();
        Rd rd = rec.owner();
        long ipa = v.x(1);
        if ((ipa & (Granule.SIZE - 1)) != 0 || !rd.s2().isProtected(ipa)) {
            return refuse(v, rd, UploadOutcome.Stage.CALL, 0,
                    String.format("IPA 0x%x is not a granule-aligned protected address", ipa));
        }
        rd.lock();
        try {
            return uploadLocked(v, rd, ipa);
        } finally {
            rd.unlock();
        }
    }

    private RsiOutcome uploadLocked(RealmVcpu v, Rd rd, long ipa) {
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rd, ipa);
        if (t.kind() == IpaTranslation.Kind.EMPTY) {
            return refuse(v, rd, UploadOutcome.Stage.CALL, 0, String.format("IPA 0x%x has RIPAS EMPTY", ipa));
        }
        if (t.kind() == IpaTranslation.Kind.FAULT) {
            return new RsiOutcome.Stage2Fault(ipa, t.level());
        }
        byte[] page;
        try {
            page = s.readRealm(t.pa(), (int) Granule.SIZE);
        } finally {
            t.unlock(s.rtts());
        }
        Policy policy;
        try {
            policy = PolicyDecoder.decode(page);
        } catch (PolicyFormatException e) {
            return refuse(v, rd, UploadOutcome.Stage.PARSER, e.error().code(), e.getMessage());
        }
        Commit c;
        for (int attempt = 0; ; attempt++) {
            m.lock();
            try {
                c = validateAndCommitMica(v, rd, policy);
            } finally {
                m.unlock();
            }
            if (c != null) {
                break;
            }
            Thread.yield(); // an RTT of a shared IPA was busy: validate again
        }
        if (c.refusal() != null) {
            return c.refusal();
        }
        commitRtts(rd, c);
        rd.setMeasurement(POLICY_SLOT, s.measurement().extendRem(rd.hashAlgo(), rd.measurement(POLICY_SLOT),
                c.image(), c.image().length));
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    /** What the Mica half of an upload decided: a refusal, or the activation and the image it stored. */
    private record Commit(RsiOutcome refusal, Activation activation, List<RttWalkResult> targets, byte[] image) {
    }

    /**
     * Under the Mica lock: the checks and the validation, the shared IPAs' entries (still mapping the dummy
     * page, at level 3), then the Mica half of the commit. Null if an RTT was busy (nothing changed).
     */
    private Commit validateAndCommitMica(RealmVcpu v, Rd rd, Policy policy) {
        MicaRealm r = m.realm(rd.pa());
        if (r.uploaded()) {
            return refusal(refuse(v, rd, UploadOutcome.Stage.CALL, 0, "a policy was already uploaded"));
        }
        if (r.pd() == 0) {
            return refusal(refuse(v, rd, UploadOutcome.Stage.VALIDATOR, ValidationCode.EWRITEBACK.code(),
                    "the realm has no policy descriptor (RMI_REALM_PD)"));
        }
        MeasurementValue rim = MeasurementValue.of(rd.rim());
        PolicyValidator validator = new PolicyValidator(m.metadata(), m::uploadedPolicy, m.transitions());
        ValidationResult result = validator.validate(rd.pa(), rim, policy, m.loadSgt());
        if (!result.ok()) {
            return refusal(refuse(v, rd, UploadOutcome.Stage.VALIDATOR, result.code().code(), result.detail()));
        }
        Activation a = result.activation().orElseThrow();
        List<RttWalkResult> targets = new ArrayList<>();
        for (SharedRemap remap : a.remaps()) {
            RttWalkResult w = s.rtts().tryLockRootAndWalk(rd.s2(), remap.ipa(), 3);
            if (w == null) {
                return null;
            }
            s.rtts().unlock(w);
            if (w.level() < 3 || !SharedMappings.maps(w.entry(), r.dummy())) {
                return refusal(refuse(v, rd, UploadOutcome.Stage.VALIDATOR, ValidationCode.ESGT_COVERAGE.code(),
                        String.format("shared IPA 0x%x no longer maps the dummy page at level 3", remap.ipa())));
            }
            targets.add(w);
        }
        m.metadata().bind(rd.pa(), policy.self().orElseThrow().hash());
        byte[] image = PolicyImage.encode(policy);
        s.writeRealm(r.pd(), image);
        m.transitions().replaceWith(a.table());
        r.markUploaded(a.unprotectedAllowed());
        m.recordUpload(rd.pa(), new UploadOutcome(UploadOutcome.Stage.OK, 0, ""));
        return new Commit(null, a, targets, image);
    }

    private static Commit refusal(RsiOutcome o) {
        return new Commit(o, null, null, null);
    }

    /**
     * The RTT half of the commit, with the RD still held: each shared IPA now maps its page with the
     * declared permission (the entries were checked under the Mica lock and, the RD being held, no RMI
     * command has changed them since), then unprotected memory the policy does not allow is unmapped.
     */
    private void commitRtts(Rd rd, Commit c) {
        Activation a = c.activation();
        for (int i = 0; i < c.targets().size(); i++) {
            SharedRemap remap = a.remaps().get(i);
            RttWalkResult w = c.targets().get(i);
            s.rtts().lockTable(w.rttPa()); // the RTT the check found; unchanged, the RD being held
            try {
                s.rtts().write(w.rttPa(), w.index(), SharedMappings.entry(remap.pa(), remap.prot()));
            } finally {
                s.rtts().unlockTable(w.rttPa());
            }
            s.services().tlbiIpa(rd.s2().vmid(), remap.ipa());
        }
        a.unprotectedAllowed().ifPresent(allowed -> new UnprotectedSweep(s).sweep(rd, allowed));
    }

    private RsiOutcome refuse(RealmVcpu v, Rd rd, UploadOutcome.Stage stage, int code, String detail) {
        m.lock();
        try {
            m.recordUpload(rd.pa(), new UploadOutcome(stage, code, detail));
        } finally {
            m.unlock();
        }
        v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    /** The descriptor image of realm {@code rd}'s uploaded policy, all zero if none (Mica lock held). */
    static byte[] imageOf(MicaState m, long rd) {
        MicaRealm r = m.realm(rd);
        return r.uploaded() ? m.readImage(r.pd()) : new byte[PolicyImage.SIZE];
    }

    static Optional<Integer> identityOf(MicaState m, long rd) {
        return m.metadata().byRd(rd).flatMap(RealmMetadataTable.Entry::hash);
    }
}
