package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.micasim.rmm.mica.Policies.SHM0;
import static org.micasim.rmm.mica.Policies.SHM1;
import static org.micasim.rmm.mica.Policies.any;
import static org.micasim.rmm.mica.Policies.cf;
import static org.micasim.rmm.mica.Policies.mem;
import static org.micasim.rmm.mica.Policies.named;
import static org.micasim.rmm.mica.Policies.unprotected;
import static org.micasim.rmm.mica.Policies.vm;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {
    static final long RNET = 0x8000_0000L;
    static final long RA = 0x8010_0000L;
    static final long EVE = 0x8020_0000L;
    static final long P0 = 0x9000_0000L;

    /** rnet and ra activated, the 2-page channel at P0 prefaulted into both at SHM0. */
    private static ValidationWorld network() {
        return new ValidationWorld().realm(RNET).realm(RA).share(RNET, SHM0, P0, 2).share(RA, SHM0, P0, 2);
    }

    private static void assertCode(ValidationCode expected, ValidationResult r) {
        assertEquals(expected, r.code(), r.detail());
        assertTrue(r.ok() || !r.detail().isEmpty(), "a failure says why");
    }

    @Test
    void networkServiceValidatesInOrderAndActivatesEveryPage() {
        ValidationWorld w = network();
        ValidationResult first = w.upload(RNET, Policies.rnet());
        assertCode(ValidationCode.OK, first);
        Activation a = first.activation().orElseThrow();
        assertEquals(List.of(new SharedRemap(SHM0, P0, Prot.RW), new SharedRemap(SHM0 + 4096, P0 + 4096, Prot.RW)),
                a.remaps());
        assertEquals(Optional.empty(), a.unprotectedAllowed(), "a non-strict gateway keeps host memory");
        ValidationResult second = w.upload(RA, Policies.ra());
        assertCode(ValidationCode.OK, second);
        assertEquals(2, second.activation().orElseThrow().remaps().size());
        assertEquals(Optional.of(List.of()), second.activation().orElseThrow().unprotectedAllowed(),
                "a non-gateway keeps no host memory");
        TransitionTable.Key key = new TransitionTable.Key(1, CfType.CALL, 0x23);
        assertEquals(CfPolicy.BLOCK, w.table.policyFor(key), "ra's rule is keyed by VM1's identity");
    }

    @Test
    void guardRailedInferenceValidatesInOrder() {
        long rg = 0x8000_0000L;
        long rf = 0x8010_0000L;
        long ri = 0x8020_0000L;
        // The published setup is strictly sequential: each realm prefaults and uploads before the next
        // one starts, because a realm only validates against peers that have already uploaded.
        ValidationWorld w = new ValidationWorld().realm(rg).realm(rf).realm(ri).share(rg, SHM0, P0, 2);
        assertCode(ValidationCode.OK, w.upload(rg, Policies.rg()));
        w.share(rf, SHM0, P0, 2).share(rf, SHM1, P0 + 0x10000, 2);
        assertCode(ValidationCode.OK, w.upload(rf, Policies.rf()));
        w.share(ri, SHM0, P0 + 0x10000, 2);
        ValidationResult last = w.upload(ri, Policies.ri());
        assertCode(ValidationCode.OK, last);
        assertEquals(new SharedRemap(SHM0, P0 + 0x10000, Prot.RW), last.activation().orElseThrow().remaps().get(0));
    }

    @Test
    void minusOneWhenThePolicyNamesNoUploader() {
        Policy p = new Policy(Policy.NO_SELF, Policies.rnet().vms(), Policies.rnet().mems(), List.of());
        assertCode(ValidationCode.EARGS, network().validate(RNET, p));
    }

    @Test
    void minusOneWhenAnObjectNamesNoRegisteredRealm() {
        // The published "prefault" form: only an ANY mapping, so no named realm to check coverage for.
        Policy p = Policies.withMems(Policies.rnet(), mem("Mem1", 0x2000, any(SHM1, Prot.RW, 1)));
        assertCode(ValidationCode.EARGS, network().validate(RNET, p));
    }

    @Test
    void minusTwoWhenTheFirstObjectOfThatNameIsNotProtected() {
        Policy p = Policies.withMems(Policies.rnet(), unprotected("Mem1", 0x1000, named(0, 0x1_0000_0000L, Prot.RW)),
                Policies.rnet().mems().get(0));
        assertCode(ValidationCode.ENOMEM_NOTFOUND, network().validate(RNET, p));
    }

    @Test
    void minusFourWhenPeersDisagreeOnAMapping() {
        ValidationWorld w = network();
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        Policy ra = Policies.withMems(Policies.ra(), mem("Mem1", 0x2000, named(0, SHM0, Prot.R), named(1, SHM0, Prot.RW)));
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA, ra));
    }

    @Test
    void minusFourWhenPeersDisagreeOnSizeFlagsOrTheObject() {
        ValidationWorld w = network();
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA, Policies.withMems(Policies.ra(),
                mem("Mem1", 0x1000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW)))));
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA,
                Policies.withVm(Policies.ra(), 0, vm("VM1", 1, false, false))));
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA, Policies.withMems(Policies.ra(),
                mem("Mem9", 0x2000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW)))));
    }

    @Test
    void minusFourWhenAnyAdmitsFewerClientsThanNamed() {
        ValidationWorld w = network().realm(EVE);
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        w.share(EVE, SHM0, P0, 2);
        Policy three = new Policy(1, List.of(vm("VM1", 1, true, false), vm("VM2", 2, false, false),
                vm("VM3", 3, false, false)), List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW),
                named(1, SHM0, Prot.RW), named(2, SHM0, Prot.RW))), List.of());
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA, three));
    }

    @Test
    void minusFourWhenControlTransferRulesConflict() {
        ValidationWorld w = network();
        Policy rnet = Policies.withRules(Policies.rnet(), cf("CF1", 0, CfType.CALL, CfPolicy.ALLOW, 0x17));
        assertCode(ValidationCode.OK, w.upload(RNET, rnet));
        Policy ra = Policies.withRules(Policies.ra(), cf("CF1", 0, CfType.CALL, CfPolicy.BLOCK, 0x17));
        ValidationResult r = w.validate(RA, ra);
        assertCode(ValidationCode.ECFG_MISMATCH, r);
        assertTrue(r.detail().contains("control transfer"), r.detail());
        Policy self = Policies.withRules(Policies.ra(), cf("CF1", 1, CfType.CALL, CfPolicy.BLOCK, 0x17),
                cf("CF2", 1, CfType.CALL, CfPolicy.ALLOW, 0x17));
        ValidationWorld fresh = network();
        assertCode(ValidationCode.OK, fresh.upload(RNET, Policies.rnet()));
        assertCode(ValidationCode.ECFG_MISMATCH, fresh.validate(RA, self));
    }

    @Test
    void rulesAreKeyedByIdentityNotByListIndex() {
        // ra lists the VMs in the other order: its VM index 0 is identity 2. The rule about identity 1
        // (rnet) must agree with rnet's own rule about identity 1, not with index 0.
        ValidationWorld w = network();
        Policy rnet = Policies.withRules(Policies.rnet(), cf("CF1", 0, CfType.CALL, CfPolicy.ALLOW, 0x17));
        assertCode(ValidationCode.OK, w.upload(RNET, rnet));
        Policy ra = new Policy(0, List.of(vm("VM2", 2, false, false), vm("VM1", 1, true, false)),
                List.of(mem("Mem1", 0x2000, named(1, SHM0, Prot.RW), named(0, SHM0, Prot.RW))),
                List.of(cf("CF1", 0, CfType.CALL, CfPolicy.BLOCK, 0x17)));
        assertCode(ValidationCode.OK, w.upload(RA, ra));
        assertEquals(CfPolicy.ALLOW, w.table.policyFor(new TransitionTable.Key(1, CfType.CALL, 0x17)));
        assertEquals(CfPolicy.BLOCK, w.table.policyFor(new TransitionTable.Key(2, CfType.CALL, 0x17)));
    }

    @Test
    void minusFiveWhenAPageIsReusedUnderAnotherIpa() {
        // rnet maps the two channel pages in order, ra swapped: page 0 resolves to two different PAs.
        ValidationWorld w = new ValidationWorld().realm(RNET).realm(RA).share(RNET, SHM0, P0, 2);
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        w.share(RA, SHM0, P0 + 4096, 1).share(RA, SHM0 + 4096, P0, 1);
        assertCode(ValidationCode.ESGT_CONFLICT, w.validate(RA, Policies.ra()));
    }

    @Test
    void minusSixWhenCoverageIsMissing() {
        ValidationWorld w = new ValidationWorld().realm(RNET).realm(RA).share(RNET, SHM0, P0, 1);
        ValidationResult r = w.validate(RNET, Policies.rnet());
        assertCode(ValidationCode.ESGT_COVERAGE, r);
        assertTrue(r.detail().contains("page 1"), r.detail());
    }

    @Test
    void minusSixWhenTheSizeIsNotWholePages() {
        Policy p = Policies.withMems(Policies.ra(), mem("Mem1", 0x1800, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW)));
        assertCode(ValidationCode.ESGT_COVERAGE, network().validate(RA, p));
        Policy huge = Policies.withMems(Policies.ra(), mem("Mem1", 4097L * 4096, named(0, SHM0, Prot.RW),
                named(1, SHM0, Prot.RW)));
        assertCode(ValidationCode.ESGT_COVERAGE, network().validate(RA, huge));
    }

    @Test
    void minusSevenWhenAThirdRealmMapsThePageWithoutAny() {
        ValidationWorld w = network().realm(EVE).share(EVE, 0x4000_0000L, P0, 1);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, w.validate(RA, Policies.ra()));
    }

    @Test
    void minusSevenWhenAnyIsExceededOrMissed() {
        // rnet admits one unnamed client; eve and ra are two.
        ValidationWorld w = network().realm(EVE).share(EVE, SHM0, P0, 2);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, w.validate(RNET, Policies.rnet()));
        // eve maps the page outside the ANY range.
        ValidationWorld v = new ValidationWorld().realm(RNET).realm(EVE).share(RNET, SHM0, P0, 2)
                .share(EVE, SHM1, P0, 1);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, v.validate(RNET, Policies.rnet()));
        // Unlimited ANY admits both.
        Policy open = Policies.withMems(Policies.rnet(), mem("Mem1", 0x2000, named(0, SHM0, Prot.RW),
                any(SHM0, Prot.RW, -1)));
        assertCode(ValidationCode.OK, w.validate(RNET, open));
    }

    @Test
    void minusSevenWhenALaterRealmExceedsAPeersAnyCount() {
        // rnet offers Mem1 to one unnamed client; ra took it. eve names rnet and itself and declares the
        // same ANY, so agreement holds and, from eve's own view, ra is its one ANY sharer. From rnet's view
        // ra and eve are two unnamed realms.
        ValidationWorld w = network().realm(EVE);
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        assertCode(ValidationCode.OK, w.upload(RA, Policies.ra()));
        w.share(EVE, SHM0, P0, 2);
        Policy eve = new Policy(1, List.of(vm("VM1", 1, true, false), vm("VM3", 3, false, false)),
                List.of(mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), named(1, SHM0, Prot.RW),
                        any(SHM0, Prot.RW, 1))), List.of());
        ValidationResult r = w.validate(EVE, eve);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, r);
        assertTrue(r.detail().contains("ANY of 'VM1'"), r.detail());
    }

    @Test
    void minusSevenWhenARealmThatNamesNobodyHereAdmitsUploadedSharersByItsOwnAny() {
        // rnet and ra agreed on Mem1 and are active. eve maps the same pages and declares her own object
        // with an unlimited ANY, naming neither of them: from her side both are admitted, but neither
        // consented to her.
        ValidationWorld w = new ValidationWorld().realm(RNET).realm(RA).realm(EVE).share(RNET, SHM0, P0, 2);
        Policy rnet = Policies.withMems(Policies.rnet(), mem("Mem1", 0x2000, named(0, SHM0, Prot.RW),
                named(1, SHM0, Prot.RW)));
        assertCode(ValidationCode.OK, w.upload(RNET, rnet));
        w.share(RA, SHM0, P0, 2);
        assertCode(ValidationCode.OK, w.upload(RA, Policies.ra()));
        w.share(EVE, SHM1, P0, 2);
        Policy eve = new Policy(0, List.of(vm("VM3", 3, false, false)),
                List.of(mem("Mem9", 0x2000, named(0, SHM1, Prot.R), any(SHM0, Prot.RW, -1))), List.of());
        ValidationResult r = w.validate(EVE, eve);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, r);
        assertTrue(r.detail().contains("neither names this realm nor has an ANY"), r.detail());
    }

    @Test
    void minusSevenWhenAStrictRealmHasAnExtraPageInTheObject() {
        Policy strict = Policies.withVm(Policies.rnet(), 0, vm("VM1", 1, true, true));
        strict = Policies.withMems(strict, mem("Mem1", 0x2000, named(0, SHM0, Prot.RW), any(SHM1, Prot.RW, 1)));
        ValidationWorld w = new ValidationWorld().realm(RNET).share(RNET, SHM0, P0, 2).share(RNET, SHM1, P0, 1);
        assertCode(ValidationCode.ESGT_RD_ILLEGAL, w.validate(RNET, strict));
        Policy lax = Policies.withMems(Policies.rnet(), strict.mems().get(0));
        assertCode(ValidationCode.OK, w.validate(RNET, lax));
    }

    @Test
    void strictRealmRefusesRulesItDidNotAgreeTo() {
        ValidationWorld w = network();
        Policy rnet = Policies.withVm(Policies.rnet(), 1, vm("VM2", 2, false, true));
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.withRules(rnet,
                cf("CF1", 1, CfType.CALL, CfPolicy.BLOCK, 0x17))));
        Policy strictRa = Policies.withVm(Policies.withVm(Policies.ra(), 1, vm("VM2", 2, false, true)), 0,
                vm("VM1", 1, true, false));
        Policy withOwnRule = Policies.withRules(strictRa, cf("CF1", 0, CfType.CALL, CfPolicy.ALLOW, 0x16));
        // rnet's rule about VM2 is loaded as a peer rule, so it is in the union: fine.
        assertCode(ValidationCode.OK, w.validate(RA, withOwnRule));
        // A rule of an unrelated earlier realm is not.
        w.table.add(new TransitionTable.Key(9, CfType.CALL, 0x17), CfPolicy.ALLOW, false, java.util.Set.of());
        assertCode(ValidationCode.ECFG_MISMATCH, w.validate(RA, withOwnRule));
    }

    @Test
    void minusEightForAnEmptyPolicy() {
        Policy p = new Policy(0, Policies.rnet().vms(), List.of(), List.of());
        assertCode(ValidationCode.EWRITEBACK, network().validate(RNET, p));
    }

    @Test
    void minusNineWhenTheSgtCannotBeLoaded() {
        ValidationWorld w = network();
        w.sgtLoadable = false;
        assertCode(ValidationCode.ESGT, w.validate(RNET, Policies.rnet()));
    }

    @Test
    void minusTenWhenTheIdentityIsTakenOrTheRimIsNotTheExpectedOne() {
        ValidationWorld w = network();
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.rnet()));
        // ra claims rnet's identity.
        Policy impostor = new Policy(0, Policies.ra().vms(), Policies.ra().mems(), List.of());
        assertCode(ValidationCode.EIDENTITY, w.validate(RA, impostor));
        // ra expects rnet to have a RIM it does not have.
        Policy wrongPeer = Policies.withVm(Policies.ra(), 0, new PolicyVm(ObjectName.of("VM1"), 1, true, false,
                Optional.of(ValidationWorld.rimOf(EVE))));
        assertCode(ValidationCode.EIDENTITY, w.validate(RA, wrongPeer));
        Policy rightPeer = Policies.withVm(Policies.ra(), 0, new PolicyVm(ObjectName.of("VM1"), 1, true, false,
                Optional.of(ValidationWorld.rimOf(RNET))));
        assertCode(ValidationCode.OK, w.validate(RA, rightPeer));
        // ra's own entry expects another RIM.
        Policy wrongSelf = Policies.withVm(Policies.ra(), 1, new PolicyVm(ObjectName.of("VM2"), 2, false, false,
                Optional.of(ValidationWorld.rimOf(EVE))));
        assertCode(ValidationCode.EIDENTITY, w.validate(RA, wrongSelf));
    }

    @Test
    void minusTenWhenAnEarlierPeerExpectsAnotherRimForTheUploader() {
        ValidationWorld w = network();
        Policy rnet = Policies.withVm(Policies.rnet(), 1, new PolicyVm(ObjectName.of("VM2"), 2, false, false,
                Optional.of(ValidationWorld.rimOf(EVE))));
        assertCode(ValidationCode.OK, w.upload(RNET, rnet));
        assertCode(ValidationCode.EIDENTITY, w.validate(RA, Policies.ra()));
    }

    @Test
    void aRejectedUploadChangesNothing() {
        ValidationWorld w = network();
        assertCode(ValidationCode.OK, w.upload(RNET, Policies.withRules(Policies.rnet(),
                cf("CF1", 0, CfType.CALL, CfPolicy.ALLOW, 0x17))));
        List<TransitionTable.Rule> before = List.copyOf(w.table.rules());
        Policy bad = Policies.withRules(Policies.withMems(Policies.ra(), mem("Mem1", 0x2000,
                        named(0, SHM0, Prot.RW), named(1, SHM1, Prot.RW))),
                cf("CF7", 1, CfType.CALL, CfPolicy.BLOCK, 0x17));
        assertCode(ValidationCode.ECFG_MISMATCH, w.upload(RA, bad));
        assertEquals(before, w.table.rules());
        assertEquals(Optional.empty(), w.metadata.byRd(RA).orElseThrow().hash());
    }

    @Test
    void strictGatewayKeepsOnlyDeclaredUnprotectedRanges() {
        long nic = 0x1_0000_0000_00L;
        Policy p = Policies.withVm(Policies.rnet(), 0, vm("VM1", 1, true, true));
        p = Policies.withMems(p, p.mems().get(0), unprotected("Net1", 0x4000, named(0, nic, Prot.RW)),
                unprotected("Net2", 0x1000, named(1, nic + 0x10000, Prot.RW)));
        ValidationResult r = network().validate(RNET, p);
        assertCode(ValidationCode.OK, r);
        assertEquals(Optional.of(List.of(new IpaRange(nic, 0x4000))), r.activation().orElseThrow().unprotectedAllowed());
    }
}
