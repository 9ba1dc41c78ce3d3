package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.mica.Policies.SHM0;

import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.mica.MicaRig.Realm;

/** Failure conditions and effects of the four Mica RMI commands and the lifecycle changes. */
class MicaRmiCommandsTest {
    private static GranuleState state(MicaRig rig, long pa) {
        return rig.t.rmm.state().granules().stateOf(pa);
    }

    @Test
    void realmPdAndDummyPageTakeDelegatedGranulesOnce() {
        try (MicaRig rig = new MicaRig()) {
            Realm r = rig.create("a", cpu -> { }, 1);
            long pd = rig.state().realmPd(r.rd());
            long dummy = rig.state().realmDummy(r.rd());
            assertEquals(GranuleState.DATA, state(rig, pd));
            assertEquals(GranuleState.DATA, state(rig, dummy));
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_GRANULE_UNDELEGATE, pd));
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_REALM_PD, r.rd(), rig.t.delegated()));
            assertEquals("RMI_SUCCESS", rig.t.status(RmiCommand.RMI_REALM_DUMMY_PAGE, r.rd(), dummy), "idempotent");
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_REALM_DUMMY_PAGE, r.rd(), rig.t.delegated()));
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_REALM_PD, r.rec(), rig.t.delegated()),
                    "not an RD");
            Realm b = rig.create("b", cpu -> { }, 2);
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_REALM_PD, b.rd(), rig.t.granule()),
                    "not delegated");
        }
    }

    @Test
    void sgtTakesAtMost32Granules() {
        try (MicaRig rig = new MicaRig()) {
            for (int i = 1; i < MicaState.MAX_SGT_GRANULES; i++) {
                rig.t.ok(RmiCommand.RMI_SGT, rig.t.delegated());
            }
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_SGT, rig.t.delegated()));
            assertEquals(32, rig.state().sgtGranules().size());
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_SGT, rig.t.granule()));
        }
    }

    @Test
    void dataCreateUnknownSharedFailureConditionsInOrder() {
        try (MicaRig rig = new MicaRig()) {
            Realm r = rig.create("a", cpu -> { }, 1, SHM0);
            long page = rig.t.delegated();
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rec(), page, SHM0));
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    SHM0 + 8), "unaligned IPA");
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    MicaRig.UNPROTECTED), "unprotected IPA");
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(),
                    rig.state().realmPd(r.rd()), SHM0), "a DATA page that is not shared");
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(),
                    rig.t.granule(), SHM0), "an undelegated page");
            assertEquals("RMI_ERROR_RTT(3)", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    0x5000), "RIPAS EMPTY");
            assertEquals("RMI_ERROR_RTT(1)", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    SHM0 + 0x4000_0000L), "no level-2 table under this level-1 entry");
            assertEquals("RMI_ERROR_RTT(3)", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    MicaRig.POLICY_IPA), "entry not UNASSIGNED");
            rig.share(r, SHM0, page, 1);
            assertEquals("RMI_ERROR_RTT(3)", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(),
                    rig.t.delegated(), SHM0), "the IPA is taken");
            assertEquals(1, rig.state().sgt().size(), "failures change nothing");
        }
    }

    @Test
    void noDummyPageOrNoSgtGranuleIsRefused() {
        try (MicaRig rig = new MicaRig()) {
            Realm r = rig.create("a", cpu -> { }, 1, SHM0);
            // A realm whose dummy page was never registered: a fresh realm of the same rig without one.
            long rtt = rig.t.delegated();
            long rd = rig.t.createRealm(org.micasim.rmm.abi.RmiRealmParams.zero().with("s2sz", MicaRig.S2SZ)
                    .with("num_bps", 1).with("num_wps", 1).with("rtt_base", rtt).with("rtt_level_start", 0)
                    .with("rtt_num_start", 1).with("vmid", 99));
            rig.tables(rd, SHM0);
            rig.t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, SHM0, SHM0 + 0x1000);
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, rd,
                    rig.t.delegated(), SHM0), "no dummy page");
            assertEquals(0, rig.state().sgt().size());
            rig.share(r, SHM0, rig.t.delegated(), 1);
            assertEquals(1, rig.state().sgt().size());
        }
        try (MicaRig rig = new MicaRig()) {
            byte[] bin = PolyWriter.encode(new Policy(0, java.util.List.of(Policies.vm("VM1", 1, true, false)),
                    java.util.List.of(Policies.mem("Mem1", 171 * 4096L, Policies.named(0, SHM0, Prot.RW))),
                    java.util.List.of()));
            Realm r = rig.create("a", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, bin)), 1, SHM0);
            rig.activate(r);
            long page = rig.t.delegated();
            // The rig registers one SGT granule: 170 entries.
            long ch = rig.channel(170);
            for (int k = 0; k < 170; k++) {
                rig.t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), ch + k * 4096L, SHM0 + k * 4096L);
            }
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page,
                    SHM0 + 170 * 4096L), "the SGT's granules are full");
            rig.t.ok(RmiCommand.RMI_SGT, rig.t.delegated());
            rig.t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(), page, SHM0 + 170 * 4096L);
            assertEquals(171, rig.state().sgt().size(), "the table spans both granules");
            assertEquals(0, rig.enter(r).gpr(0), "validation read all 171 entries back from two granules: "
                    + rig.state().lastUpload(r.rd()));
        }
    }

    @Test
    void afterTheUploadTheRealmTakesNoNewSharedPagesAndKeepsItsDummy() {
        try (MicaRig rig = new MicaRig()) {
            byte[] bin = PolyWriter.encode(new Policy(0, java.util.List.of(Policies.vm("VM1", 1, true, false)),
                    java.util.List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))),
                    java.util.List.of()));
            Realm r = rig.create("a", cpu -> MicaRig.report(cpu, MicaRig.upload(cpu, bin)), 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            assertEquals(0, rig.enter(r).gpr(0));
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, r.rd(),
                    rig.t.delegated(), SHM0 + 0x1000));
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_REALM_DUMMY_PAGE, r.rd(),
                    rig.state().realmDummy(r.rd())));
        }
    }

    @Test
    void sharedPagesAreReleasedWithTheirLastSharerAndDestroyCleansUp() {
        try (MicaRig rig = new MicaRig()) {
            Realm a = rig.create("a", cpu -> { }, 1, SHM0);
            Realm b = rig.create("b", cpu -> { }, 2, SHM0);
            long page = rig.channel(1);
            rig.activate(a);
            rig.activate(b);
            rig.share(a, SHM0, page, 1);
            rig.share(b, SHM0, page, 1);
            assertEquals(2, rig.state().metadata().entries().size());
            org.micasim.simulator.machine.SmcResult d = rig.t.ok(RmiCommand.RMI_DATA_DESTROY, a.rd(), SHM0);
            assertEquals(rig.state().realmDummy(a.rd()), d.x1(), "the IPA mapped the dummy page");
            assertEquals(GranuleState.DATA, state(rig, page), "b still shares it");
            assertEquals(GranuleState.DATA, state(rig, rig.state().realmDummy(a.rd())), "the dummy page is kept");
            rig.t.ok(RmiCommand.RMI_DATA_DESTROY, b.rd(), SHM0);
            assertEquals(GranuleState.DELEGATED, state(rig, page), "released with its last sharer");
            rig.t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, page);
            assertArrayEquals(new byte[4096], rig.t.read(page, 4096));
            assertEquals(0, rig.state().sgt().size());

            long pd = rig.state().realmPd(a.rd());
            long dummy = rig.state().realmDummy(a.rd());
            rig.t.ok(RmiCommand.RMI_REC_DESTROY, a.rec());
            for (long ipa : new long[] {0, MicaRig.POLICY_IPA, MicaRig.HOST_CALL_IPA, MicaRig.SCRATCH_IPA}) {
                rig.t.ok(RmiCommand.RMI_DATA_DESTROY, a.rd(), ipa);
            }
            for (long ipa : new long[] {0, SHM0, MicaRig.UNPROTECTED}) {
                for (int level = 3; level >= 1; level--) {
                    long align = ~((1L << (12 + 9 * (4 - level))) - 1);
                    rig.t.smc(RmiCommand.RMI_RTT_DESTROY, a.rd(), ipa & align, level);
                }
            }
            rig.t.ok(RmiCommand.RMI_REALM_DESTROY, a.rd());
            assertEquals(GranuleState.DELEGATED, state(rig, pd));
            assertEquals(GranuleState.DELEGATED, state(rig, dummy));
            assertEquals(1, rig.state().metadata().entries().size(), "a's metadata entry is gone");
        }
    }
}
