package org.micasim.policy.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.micasim.policy.ast.Literals;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.codec.PolyPayload;

/**
 * The cross-realm rules the RMM applies when each realm uploads its policy (mica.md §4.6), run
 * before anything is deployed. Realms upload in pipeline order; a realm is validated against the
 * peers that uploaded before it and that one of its PROTECTED objects names, exactly as the RMM
 * only sees peers already bound. Unlike the RMM, which stops at the first failure, every
 * disagreement is reported, each with the locations in both policies.
 *
 * <p>VM identities are hashes, as in the RMM; control-transfer rules are keyed by the owner's hash
 * (the published RMM keys them by VM index, which only works while all policies list the VMs in
 * the same order; see docs/policy-language.md).
 */
public final class AgreementChecker {
    /** Capacity of the RMM's transition table, (8 + 1) x 8 x 8 entries (mica.md §2.7). */
    static final int TRANSITION_TABLE_CAPACITY = 576;

    /** Entries of the RMM's realm-metadata table, which binds a policy hash to a live realm (mica.md §2.7). */
    static final int METADATA_TABLE_CAPACITY = 8;

    /** Entries of the RMM's Shared Granule Table: one per granule of a protected object one realm maps. */
    static final int SGT_CAPACITY = 4096;

    private final List<Diagnostic> out = new ArrayList<>();
    private final Map<Long, Realm> bound = new LinkedHashMap<>();
    private final TransitionTable table = new TransitionTable();
    private final List<Realm> realms;

    private AgreementChecker(List<Realm> realms) {
        this.realms = realms;
    }

    /** Every disagreement among {@code realms}, uploaded in list order. */
    public static List<Diagnostic> check(List<Realm> realms) {
        AgreementChecker c = new AgreementChecker(realms);
        for (int i = 0; i < realms.size(); i++) {
            if (i == METADATA_TABLE_CAPACITY) {
                c.error(realms.get(i).name().span(), "realm " + realms.get(i).id() + " is realm number " + (i + 1)
                        + "; the RMM's realm-metadata table holds " + METADATA_TABLE_CAPACITY);
            }
            c.upload(realms.get(i));
        }
        c.reportSgtCapacity();
        c.reportUnvalidatedSharing();
        c.reportMappingsOutsidePipeline();
        return List.copyOf(new LinkedHashSet<>(c.out));
    }

    private void upload(Realm self) {
        PolyPayload p = self.payload();
        if (self.self().isEmpty() || p.vms().isEmpty() || p.mems().isEmpty()) {
            error(self.name().span(), "realm " + self.id() + " cannot upload its policy: the RMM requires a \"Self\","
                    + " at least one VM and at least one Mem");
            return;
        }
        long hash = self.selfHash().orElseThrow();
        Realm holder = bound.get(hash);
        if (holder != null) {
            error(self.selfSpan(), "realm " + self.id() + " identifies as hash " + Literals.hex(hash)
                    + ", already bound to realm " + holder.id() + " (" + holder.selfSpan().position() + ")");
        } else {
            bound.put(hash, self);
        }
        Set<Realm> allPeers = new LinkedHashSet<>();
        for (int m = 0; m < p.mems().size(); m++) {
            if (p.mems().get(m).type() != MemType.PROTECTED) {
                continue;
            }
            for (Realm peer : peersOf(self, m)) {
                new ObjectAgreement(self, m, peer, out).check();
                allPeers.add(peer);
            }
        }
        table.upload(self, allPeers, out);
    }

    /** Peers named by object {@code m} of {@code self} that have already uploaded, without duplicates. */
    private List<Realm> peersOf(Realm self, int m) {
        Set<Realm> peers = new LinkedHashSet<>();
        for (PolyPayload.Map map : self.payload().mems().get(m).mappings()) {
            if (map.isAny()) {
                continue;
            }
            Realm peer = bound.get(self.hashOf(map.vmIndex()).orElseThrow());
            if (peer != null && peer != self) {
                peers.add(peer);
            }
        }
        return List.copyOf(peers);
    }

    /** Every granule of a PROTECTED object that a realm maps takes one SGT entry once it is prefaulted. */
    private void reportSgtCapacity() {
        long entries = 0;
        for (Realm r : realms) {
            for (int m = 0; m < r.payload().mems().size(); m++) {
                PolyPayload.Mem mem = r.payload().mems().get(m);
                if (mem.type() == MemType.PROTECTED && r.ownMappingIndex(m) >= 0) {
                    entries += mem.size() / 0x1000;
                }
            }
        }
        if (entries > SGT_CAPACITY && !realms.isEmpty()) {
            out.add(Diagnostic.warning(DiagnosticCode.AGREEMENT, realms.get(0).name().span(), "the realms map " + entries
                    + " granules of protected shared memory, but the RMM's Shared Granule Table holds "
                    + SGT_CAPACITY + " entries; prefaulting will fail"));
        }
    }

    /**
     * An object two realms share is validated only when the later of the two names the earlier in
     * its own view; otherwise the RMM never compares them, whatever they say.
     */
    private void reportUnvalidatedSharing() {
        for (int i = 0; i < realms.size(); i++) {
            Realm early = realms.get(i);
            for (int j = i + 1; j < realms.size(); j++) {
                Realm late = realms.get(j);
                if (early.selfHash().isEmpty() || late.selfHash().isEmpty()) {
                    continue;
                }
                for (int m = 0; m < early.payload().mems().size(); m++) {
                    PolyPayload.Mem mem = early.payload().mems().get(m);
                    int lm = late.memIndex(mem.name());
                    if (mem.type() != MemType.PROTECTED || lm < 0 || !names(early, m, late.selfHash().get())
                            || names(late, lm, early.selfHash().get())) {
                        continue;
                    }
                    out.add(Diagnostic.warning(DiagnosticCode.AGREEMENT, early.memSpan(m), mem.name() + " of realm "
                            + early.id() + " is never checked against realm " + late.id() + ": " + late.id()
                            + " uploads later and its " + mem.name() + " (" + late.memSpan(lm).position()
                            + ") does not name " + early.id() + "; list " + late.id() + " before " + early.id()));
                }
            }
        }
    }

    /** A named mapping for a VM that no realm of the pipeline is can never be validated. */
    private void reportMappingsOutsidePipeline() {
        Set<Long> present = new LinkedHashSet<>();
        realms.forEach(r -> r.selfHash().ifPresent(present::add));
        for (Realm r : realms) {
            for (int m = 0; m < r.payload().mems().size(); m++) {
                List<PolyPayload.Map> maps = r.payload().mems().get(m).mappings();
                for (int k = 0; k < maps.size(); k++) {
                    if (maps.get(k).isAny()) {
                        continue;
                    }
                    PolyPayload.Vm vm = r.payload().vms().get(maps.get(k).vmIndex());
                    if (!present.contains(vm.hash())) {
                        out.add(Diagnostic.warning(DiagnosticCode.AGREEMENT, r.mappingSpan(m, k), vm.name() + " (hash "
                                + Literals.hex(vm.hash()) + ") is mapped by " + r.payload().mems().get(m).name()
                                + " of realm " + r.id() + " but is no realm of this pipeline"));
                    }
                }
            }
        }
    }

    private static boolean names(Realm r, int mem, long hash) {
        return r.payload().mems().get(mem).mappings().stream()
                .anyMatch(map -> !map.isAny() && r.hashOf(map.vmIndex()).orElseThrow() == hash);
    }

    private void error(SourceSpan at, String message) {
        out.add(Diagnostic.error(DiagnosticCode.AGREEMENT, at, message));
    }
}
