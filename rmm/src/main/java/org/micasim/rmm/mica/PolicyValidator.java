package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Cross-validation of an uploaded policy against the peers that have already uploaded and against the
 * Shared Granule Table, following the published algorithm (mica.md §4.6) and its codes, with the
 * differences listed in docs/mica.md ("Validation"): control-transfer rules keyed by identity,
 * identities bound to RIMs, ANY ranges checked over the whole object, and nothing committed unless the
 * whole policy validates.
 *
 * <p>For each PROTECTED object of the uploader, in policy order: peer loading, peer agreement (-4), SGT
 * coverage and consistency (-6, -5), PA exclusivity with a bounded ANY (-7), strict-mode closure (-7);
 * then control-transfer compatibility over the uploader and every loaded peer (-4). The result lists the
 * shared pages to activate; the caller commits it.
 *
 * <p>The SGT is read through its {@link SgtIndex}, never scanned per page: the work is linear in the
 * SGT's size for each memory object and each consenting sharer, as the sets of pages and realms are
 * flags per PA and RD group rather than boxed sets.
 */
public final class PolicyValidator {
    /** Granule size. */
    public static final long PAGE = 4096;
    /** Largest object, in pages (SGT_MAX_ENTRIES). */
    public static final long MAX_OBJECT_PAGES = SharedGranuleTable.MAX_ENTRIES;

    private final RealmMetadataTable metadata;
    private final LongFunction<Optional<Policy>> uploadedPolicyOf;
    private final TransitionTable table;

    /**
     * @param metadata         identities and RIMs of activated realms
     * @param uploadedPolicyOf the policy a realm (by RD) has successfully uploaded, read from its descriptor
     * @param table            the current transition table (not modified; a staged copy is returned)
     */
    public PolicyValidator(RealmMetadataTable metadata, LongFunction<Optional<Policy>> uploadedPolicyOf,
                           TransitionTable table) {
        this.metadata = metadata;
        this.uploadedPolicyOf = uploadedPolicyOf;
        this.table = table;
    }

    /** A failed check, carried out of the nested loops. */
    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final ValidationCode code;

        Reject(ValidationCode code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }

    /** A realm this validation reads: its RD, RIM and uploaded policy. */
    private record Peer(long rd, MeasurementValue rim, Policy policy) {
    }

    /**
     * Validates {@code policy} uploaded by realm {@code selfRd} (whose RIM is {@code selfRim}) against the
     * SGT as loaded from its granules ({@code sgt} empty if loading failed).
     */
    public ValidationResult validate(long selfRd, MeasurementValue selfRim, Policy policy,
                                     Optional<SharedGranuleTable> sgt) {
        try {
            return ValidationResult.ok(run(selfRd, selfRim, policy, sgt));
        } catch (Reject r) {
            return ValidationResult.fail(r.code, r.getMessage());
        }
    }

    private Activation run(long selfRd, MeasurementValue selfRim, Policy policy,
                           Optional<SharedGranuleTable> loaded) throws Reject {
        if (policy.vms().isEmpty() || policy.mems().isEmpty()) {
            throw new Reject(ValidationCode.EWRITEBACK, "a policy needs at least one VM and one memory object");
        }
        PolicyVm self = policy.self().orElseThrow(() -> new Reject(ValidationCode.EARGS,
                String.format("self_vm_index 0x%x names no VM", policy.selfIndex())));
        checkOwnIdentity(selfRd, selfRim, self);
        SharedGranuleTable sgt = loaded.orElseThrow(() -> new Reject(ValidationCode.ESGT,
                "the shared granule table could not be loaded"));
        SgtIndex ix = sgt.index();

        Map<Long, Peer> loadedPeers = new LinkedHashMap<>();
        for (MemObject listed : policy.mems()) {
            if (listed.type() != MemType.PROTECTED) {
                continue;
            }
            MemObject m = policy.mem(listed.name()).orElseThrow();
            if (m.type() != MemType.PROTECTED) {
                throw new Reject(ValidationCode.ENOMEM_NOTFOUND,
                        "the first memory object named '" + m.name() + "' is not PROTECTED");
            }
            validateObject(selfRd, selfRim, policy, self, m, sgt, ix, loadedPeers);
        }
        TransitionTable staged = checkControlTransfers(policy, self, loadedPeers.values());
        return new Activation(collectRemaps(selfRd, policy, sgt, ix), unprotectedAllowed(policy, self), staged);
    }

    private void checkOwnIdentity(long selfRd, MeasurementValue selfRim, PolicyVm self) throws Reject {
        if (metadata.byRd(selfRd).isEmpty()) {
            throw new Reject(ValidationCode.EIDENTITY, "the realm has no metadata entry (table full at activation)");
        }
        Optional<RealmMetadataTable.Entry> holder = metadata.byHash(self.hash());
        if (holder.isPresent() && holder.get().rd() != selfRd) {
            throw new Reject(ValidationCode.EIDENTITY,
                    String.format("identity 0x%x of '%s' is bound to another realm", self.hash(), self.name()));
        }
        if (self.expectedRim().isPresent() && !self.expectedRim().get().equals(selfRim)) {
            throw new Reject(ValidationCode.EIDENTITY,
                    "the uploader's RIM is not the RIM its own VM entry '" + self.name() + "' expects");
        }
    }

    /** The realm registered under {@code hash}: the uploader itself, or an activated peer. */
    private Optional<Long> resolve(int hash, long selfRd, PolicyVm self) {
        if (hash == self.hash()) {
            return Optional.of(selfRd);
        }
        return metadata.byHash(hash).map(RealmMetadataTable.Entry::rd);
    }

    private void validateObject(long selfRd, MeasurementValue selfRim, Policy policy, PolicyVm self,
                                MemObject m, SharedGranuleTable sgt, SgtIndex ix, Map<Long, Peer> allPeers)
            throws Reject {
        String obj = "object '" + m.name() + "'";
        if (m.mappings().isEmpty()) {
            throw new Reject(ValidationCode.ECFG_MISMATCH, obj + " has no mapping");
        }
        // Peer loading: named realms that have uploaded, without self and duplicates.
        List<Peer> peers = new ArrayList<>();
        for (Mapping mp : m.mappings()) {
            if (mp.isAny()) {
                continue;
            }
            int hash = policy.vms().get(mp.vmIndex()).hash();
            Optional<RealmMetadataTable.Entry> entry = hash == self.hash() ? Optional.empty() : metadata.byHash(hash);
            if (entry.isEmpty() || entry.get().rd() == selfRd
                    || peers.stream().anyMatch(p -> p.rd() == entry.get().rd())) {
                continue;
            }
            Optional<Policy> uploaded = uploadedPolicyOf.apply(entry.get().rd());
            if (uploaded.isPresent()) {
                peers.add(new Peer(entry.get().rd(), entry.get().rim(), uploaded.get()));
            }
        }
        // Peer agreement, then (mica-sim) the RIMs each side expects of the other.
        for (Peer p : peers) {
            PolicyVm peerSelf = p.policy().self().orElseThrow();
            MemObject pm = p.policy().mem(m.name()).orElseThrow(() -> new Reject(ValidationCode.ECFG_MISMATCH,
                    "peer '" + peerSelf.name() + "' declares no " + obj));
            String why = ObjectAgreement.disagreement(policy, m, p.policy(), pm);
            if (why != null) {
                throw new Reject(ValidationCode.ECFG_MISMATCH, obj + " disagrees with peer '" + peerSelf.name()
                        + "': " + why);
            }
            checkPeerIdentity(policy, selfRim, self, p);
            allPeers.putIfAbsent(p.rd(), p);
        }
        // Explicit realms with their base IPAs (self included), in mapping order.
        Map<Long, Long> explicit = new LinkedHashMap<>();
        for (Mapping mp : m.mappings()) {
            if (!mp.isAny()) {
                resolve(policy.vms().get(mp.vmIndex()).hash(), selfRd, self)
                        .ifPresent(rd -> explicit.putIfAbsent(rd, mp.gpa()));
            }
        }
        Optional<Mapping> any = m.any();
        if (any.isPresent() && m.size() % PAGE != 0) {
            throw new Reject(ValidationCode.ECFG_MISMATCH, obj + " has an ANY mapping but a size of "
                    + Long.toUnsignedString(m.size()) + " bytes, not whole pages");
        }
        if (explicit.isEmpty() || m.size() == 0) {
            throw new Reject(ValidationCode.EARGS, obj + (m.size() == 0 ? " has size 0"
                    : " names no realm that is registered"));
        }
        if (m.size() % PAGE != 0 || Long.compareUnsigned(m.size() / PAGE, MAX_OBJECT_PAGES) > 0) {
            throw new Reject(ValidationCode.ESGT_COVERAGE, obj + " size 0x" + Long.toHexString(m.size())
                    + " is not a multiple of 4 KiB up to 4096 pages");
        }
        boolean[] inObject = coveredPages(obj, m, explicit, sgt, ix);
        exclusivity(obj, m, any, explicit, inObject, sgt, ix);
        sharersConsent(obj, selfRd, self, inObject, sgt, ix);
        if (self.strict()) {
            strictClosure(obj, policy, m, selfRd, sgt, ix);
        }
    }

    private void checkPeerIdentity(Policy policy, MeasurementValue selfRim, PolicyVm self, Peer p) throws Reject {
        PolicyVm peerSelf = p.policy().self().orElseThrow();
        Optional<Integer> mine = policy.indexOfHash(peerSelf.hash());
        if (mine.isPresent()) {
            Optional<MeasurementValue> expected = policy.vms().get(mine.get()).expectedRim();
            if (expected.isPresent() && !expected.get().equals(p.rim())) {
                throw new Reject(ValidationCode.EIDENTITY, String.format(
                        "the realm registered as 0x%x does not have the RIM this policy expects", peerSelf.hash()));
            }
        }
        Optional<Integer> theirs = p.policy().indexOfHash(self.hash());
        if (theirs.isPresent()) {
            Optional<MeasurementValue> expected = p.policy().vms().get(theirs.get()).expectedRim();
            if (expected.isPresent() && !expected.get().equals(selfRim)) {
                throw new Reject(ValidationCode.EIDENTITY, String.format(
                        "peer '%s' expects a different RIM for identity 0x%x", peerSelf.name(), self.hash()));
            }
        }
    }

    /**
     * Phase A: every explicit realm maps every page, all at the same PA. Returns the object's PAs, as a
     * flag per PA group of {@code ix}.
     */
    private static boolean[] coveredPages(String obj, MemObject m, Map<Long, Long> explicit,
                                          SharedGranuleTable sgt, SgtIndex ix) throws Reject {
        int pages = (int) (m.size() / PAGE);
        long[] canonical = new long[pages];
        boolean[] set = new boolean[pages];
        boolean[] inObject = new boolean[ix.paGroups()];
        for (Map.Entry<Long, Long> e : explicit.entrySet()) {
            long rd = e.getKey();
            long base = e.getValue();
            for (int k = 0; k < pages; k++) {
                long gpa = base + k * PAGE;
                int at = ix.indexOf(rd, gpa);
                if (at == SgtIndex.NONE) {
                    throw new Reject(ValidationCode.ESGT_COVERAGE, String.format(
                            "%s page %d: realm 0x%x has no shared page at IPA 0x%x", obj, k, rd, gpa));
                }
                long pa = sgt.entryAt(at).pa();
                if (!set[k]) {
                    set[k] = true;
                    canonical[k] = pa;
                } else if (canonical[k] != pa) {
                    throw new Reject(ValidationCode.ESGT_CONFLICT, String.format(
                            "%s page %d: realm 0x%x maps PA 0x%x at IPA 0x%x, another named realm maps PA 0x%x",
                            obj, k, rd, pa, gpa, canonical[k]));
                }
                inObject[ix.paGroupAt(at)] = true;
            }
        }
        return inObject;
    }

    /** Phase B: a realm not named may map the object's pages only through ANY, within its range and count. */
    private static void exclusivity(String obj, MemObject m, Optional<Mapping> any, Map<Long, Long> explicit,
                                    boolean[] inObject, SharedGranuleTable sgt, SgtIndex ix) throws Reject {
        boolean[] named = new boolean[ix.rdGroups()];
        for (long rd : explicit.keySet()) {
            int g = ix.rdGroupOf(rd);
            if (g != SgtIndex.NONE) {
                named[g] = true;
            }
        }
        boolean[] extra = new boolean[ix.rdGroups()];
        int extras = 0;
        for (int i = 0; i < ix.size(); i++) {
            int g = ix.rdGroupAt(i);
            if (!inObject[ix.paGroupAt(i)] || named[g]) {
                continue;
            }
            SgtEntry e = sgt.entryAt(i);
            if (any.isEmpty()) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: realm 0x%x maps its PA 0x%x at IPA 0x%x but is not named and there is no ANY",
                        obj, e.rd(), e.pa(), e.gpa()));
            }
            if (!any.get().covers(e.gpa(), m.size())) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: realm 0x%x maps its PA 0x%x at IPA 0x%x, outside the ANY range",
                        obj, e.rd(), e.pa(), e.gpa()));
            }
            if (!extra[g]) {
                extra[g] = true;
                extras++;
            }
            int count = any.get().anyCount();
            if (count != -1 && extras > count) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: %d unnamed realms map it, ANY admits %d", obj, extras, count));
            }
        }
    }

    /**
     * (mica-sim) Every realm that has uploaded and reads one of the object's pages through its own policy
     * consents to the uploader: its object there names the uploader's identity, or has an ANY whose count
     * still covers every realm it does not name, counted over the whole SGT. The published checks only
     * look from the uploader's side, so a later realm could otherwise declare an ANY admitting realms that
     * never agreed to it, or join a channel offered to one client after that client took it.
     *
     * <p>Each realm is checked once, at its first tuple on one of the object's pages; counting the realms
     * on its pages walks only those pages' tuples, so the cost is the SGT's size per checked realm.
     */
    private void sharersConsent(String obj, long selfRd, PolicyVm self, boolean[] inObject, SharedGranuleTable sgt,
                                SgtIndex ix) throws Reject {
        boolean[] checked = new boolean[ix.rdGroups()];
        // Per checked realm: its pages (PA groups) and the realms counted or named, marked with a stamp.
        int[] pageStamp = null;
        int[] realmStamp = null;
        int[] namedStamp = null;
        int[] xPages = null;
        int stamp = 0;
        int selfGroup = ix.rdGroupOf(selfRd);
        for (int i = 0; i < ix.size(); i++) {
            SgtEntry e = sgt.entryAt(i);
            int g = ix.rdGroupAt(i);
            if (e.rd() == selfRd || !inObject[ix.paGroupAt(i)] || checked[g]) {
                continue;
            }
            checked[g] = true;
            Optional<Policy> px = uploadedPolicyOf.apply(e.rd());
            if (px.isEmpty()) {
                continue;
            }
            Optional<Coverage> cx = activatedThrough(px.get(), e.gpa());
            if (cx.isEmpty()) {
                continue; // its policy declares no object there: the IPA still maps its dummy page
            }
            Policy x = px.get();
            MemObject mx = cx.get().object();
            PolicyVm xSelf = x.self().orElseThrow();
            if (namesHash(x, mx, self.hash())) {
                continue;
            }
            Optional<Mapping> any = mx.any();
            if (any.isEmpty()) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: realm '%s' (0x%x) reads PA 0x%x through its object '%s', which neither names this "
                                + "realm nor has an ANY", obj, xSelf.name(), xSelf.hash(), e.pa(), mx.name()));
            }
            if (any.get().anyCount() == -1) {
                continue;
            }
            if (pageStamp == null) {
                pageStamp = new int[ix.paGroups()];
                realmStamp = new int[ix.rdGroups()];
                namedStamp = new int[ix.rdGroups()];
                xPages = new int[ix.paGroups()];
            }
            stamp++;
            for (Mapping mp : mx.mappings()) {
                if (!mp.isAny()) {
                    Optional<Long> rd = resolve(x.vms().get(mp.vmIndex()).hash(), selfRd, self);
                    int ng = rd.isPresent() ? ix.rdGroupOf(rd.get()) : SgtIndex.NONE;
                    if (ng != SgtIndex.NONE) {
                        namedStamp[ng] = stamp;
                    }
                }
            }
            Mapping own = cx.get().mapping();
            int pages = 0;
            for (int t = ix.firstOfRealm(g); t != SgtIndex.NONE; t = ix.nextOfSameRealm(t)) {
                int pg = ix.paGroupAt(t);
                if (pageStamp[pg] != stamp && own.covers(sgt.entryAt(t).gpa(), mx.size())) {
                    pageStamp[pg] = stamp;
                    xPages[pages++] = pg;
                }
            }
            int unnamed = 0;
            for (int k = 0; k < pages; k++) {
                for (int t = ix.firstWithPa(xPages[k]); t != SgtIndex.NONE; t = ix.nextWithSamePa(t)) {
                    int rg = ix.rdGroupAt(t);
                    if (namedStamp[rg] != stamp && realmStamp[rg] != stamp) {
                        realmStamp[rg] = stamp;
                        unnamed++;
                    }
                }
            }
            if (selfGroup == SgtIndex.NONE || realmStamp[selfGroup] != stamp) {
                unnamed++; // the uploader joins them
            }
            if (unnamed > any.get().anyCount()) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: %d realms rely on the ANY of '%s' (0x%x) object '%s', which admits %d", obj,
                        unnamed, xSelf.name(), xSelf.hash(), mx.name(), any.get().anyCount()));
            }
        }
    }

    /** Whether object {@code mx} of policy {@code x} has a named mapping of a VM with identity {@code hash}. */
    private static boolean namesHash(Policy x, MemObject mx, int hash) {
        for (Mapping mp : mx.mappings()) {
            if (!mp.isAny() && x.vms().get(mp.vmIndex()).hash() == hash) {
                return true;
            }
        }
        return false;
    }

    /** Through which object and mapping a realm's policy activates one of its shared IPAs. */
    record Coverage(MemObject object, Mapping mapping) {
    }

    /**
     * The PROTECTED object and mapping through which {@code p} activates {@code ipa}: its own named
     * mapping covering it, else an ANY range covering it (the order activation uses).
     */
    static Optional<Coverage> activatedThrough(Policy p, long ipa) {
        ActivationOrder order = new ActivationOrder(p);
        int k = order.covering(ipa);
        return k < 0 ? Optional.empty() : Optional.of(new Coverage(order.objects[k], order.mappings[k]));
    }

    /**
     * The mappings through which a policy can activate a shared IPA, in the order tried: of each PROTECTED
     * object in policy order, the uploader's first named mapping; then of each, its first ANY.
     */
    private static final class ActivationOrder {
        private final MemObject[] objects;
        private final Mapping[] mappings;
        private final int count;

        ActivationOrder(Policy p) {
            objects = new MemObject[2 * p.mems().size()];
            mappings = new Mapping[objects.length];
            int n = 0;
            for (MemObject m : p.mems()) {
                Optional<Mapping> own = m.mappingOf(p.selfIndex());
                if (m.type() == MemType.PROTECTED && own.isPresent()) {
                    objects[n] = m;
                    mappings[n++] = own.get();
                }
            }
            for (MemObject m : p.mems()) {
                Optional<Mapping> any = m.any();
                if (m.type() == MemType.PROTECTED && any.isPresent()) {
                    objects[n] = m;
                    mappings[n++] = any.get();
                }
            }
            count = n;
        }

        /** Index of the first mapping covering {@code ipa}, or -1. */
        int covering(long ipa) {
            for (int k = 0; k < count; k++) {
                if (mappings[k].covers(ipa, objects[k].size())) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** Strict: inside the object's mapping ranges, the uploader's shared pages lie only in its own ranges. */
    private static void strictClosure(String obj, Policy policy, MemObject m, long selfRd, SharedGranuleTable sgt,
                                      SgtIndex ix) throws Reject {
        int g = ix.rdGroupOf(selfRd);
        if (g == SgtIndex.NONE) {
            return;
        }
        for (int i = ix.firstOfRealm(g); i != SgtIndex.NONE; i = ix.nextOfSameRealm(i)) {
            long gpa = sgt.entryAt(i).gpa();
            boolean inObject = false;
            boolean inSelf = false;
            for (Mapping mp : m.mappings()) {
                if (mp.covers(gpa, m.size())) {
                    inObject = true;
                    inSelf |= !mp.isAny() && mp.vmIndex() == policy.selfIndex();
                }
            }
            if (inObject && !inSelf) {
                throw new Reject(ValidationCode.ESGT_RD_ILLEGAL, String.format(
                        "%s: strict realm has a shared page at IPA 0x%x outside its own mapping", obj, gpa));
            }
        }
    }

    /**
     * Activation targets: each SGT tuple of the uploader that its policy covers, through its own mapping of
     * an object or else an ANY range ({@link #activatedThrough}), with that mapping's protection.
     */
    private static List<SharedRemap> collectRemaps(long selfRd, Policy policy, SharedGranuleTable sgt,
                                                   SgtIndex ix) {
        int g = ix.rdGroupOf(selfRd);
        if (g == SgtIndex.NONE) {
            return List.of();
        }
        ActivationOrder order = new ActivationOrder(policy);
        List<SharedRemap> remaps = new ArrayList<>(ix.countOfRealm(g));
        for (int i = ix.firstOfRealm(g); i != SgtIndex.NONE; i = ix.nextOfSameRealm(i)) {
            SgtEntry e = sgt.entryAt(i);
            int k = order.covering(e.gpa());
            if (k >= 0) {
                remaps.add(new SharedRemap(e.gpa(), e.pa(), order.mappings[k].prot()));
            }
        }
        return remaps;
    }

    private TransitionTable checkControlTransfers(Policy policy, PolicyVm self, Iterable<Peer> peers)
            throws Reject {
        Map<TransitionTable.Key, CfPolicy> union = new LinkedHashMap<>();
        addRules(union, policy, "this policy");
        for (Peer p : peers) {
            addRules(union, p.policy(), "peer '" + p.policy().self().orElseThrow().name() + "'");
        }
        TransitionTable staged = table.copy();
        Set<Integer> peerIds = new LinkedHashSet<>();
        if (self.strict()) {
            if (!staged.nonStrictRulesCoveredBy(union.keySet())) {
                throw new Reject(ValidationCode.ECFG_MISMATCH,
                        "strict realm: the transition table holds rules this policy and its peers do not state");
            }
            for (int i = 0; i < policy.vms().size(); i++) {
                if (i != policy.selfIndex()) {
                    peerIds.add(policy.vms().get(i).hash());
                }
            }
        }
        for (Map.Entry<TransitionTable.Key, CfPolicy> r : union.entrySet()) {
            TransitionTable.AddResult res = staged.add(r.getKey(), r.getValue(), self.strict(), peerIds);
            if (res != TransitionTable.AddResult.OK) {
                throw new Reject(ValidationCode.ECFG_MISMATCH, String.format(
                        "control transfer (owner 0x%x, %s, 0x%x): %s", r.getKey().ownerHash(), r.getKey().type(),
                        r.getKey().selector(), switch (res) {
                            case FULL -> "the transition table is full";
                            case POLICY_CONFLICT -> "an earlier realm agreed on a different policy";
                            default -> "a strict realm agreed on it with different peers";
                        }));
            }
        }
        return staged;
    }

    private static void addRules(Map<TransitionTable.Key, CfPolicy> union, Policy p, String who) throws Reject {
        for (ControlRule cf : p.rules()) {
            if (cf.ownerIndex() == ControlRule.NO_OWNER) {
                continue;
            }
            int owner = p.vms().get(cf.ownerIndex()).hash();
            for (int selector : cf.range()) {
                TransitionTable.Key key = new TransitionTable.Key(owner, cf.type(), selector);
                CfPolicy before = union.putIfAbsent(key, cf.policy());
                if (before != null && before != cf.policy()) {
                    throw new Reject(ValidationCode.ECFG_MISMATCH, String.format(
                            "control transfer (owner 0x%x, %s, 0x%x): %s says %s, another says %s",
                            owner, cf.type(), selector, who, cf.policy(), before));
                }
            }
        }
    }

    /** Unprotected memory the uploader may keep: unrestricted for a non-strict gateway (mica.md §2.5). */
    private static Optional<List<IpaRange>> unprotectedAllowed(Policy policy, PolicyVm self) {
        if (self.gateway() && !self.strict()) {
            return Optional.empty();
        }
        List<IpaRange> keep = new ArrayList<>();
        if (self.gateway()) {
            for (MemObject m : policy.mems()) {
                if (m.type() != MemType.UNPROTECTED) {
                    continue;
                }
                for (Mapping mp : m.mappings()) {
                    if (mp.isAny() || mp.vmIndex() == policy.selfIndex()) {
                        keep.add(new IpaRange(mp.gpa(), m.size()));
                    }
                }
            }
        }
        return Optional.of(keep);
    }
}
