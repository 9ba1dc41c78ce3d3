package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.micasim.rmm.mica.Policies.SHM0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiStatus;

/**
 * Unprotected memory and control transfers after activation, through RMI and RSI on the real machine.
 */
class BoundaryEnforcementTest {
    private static final long UNP = MicaRig.UNPROTECTED;

    private static long hostCall(RmiRecExit e) {
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason(), "exit " + e.exitReason());
        return e.gpr(0);
    }

    /** A lone realm whose policy is {@code policy} (one 1-page object at SHM0); uploads, then runs {@code after}. */
    private static MicaRig.Realm lone(MicaRig rig, Policy policy, org.micasim.simulator.guest.GuestProgram after) {
        byte[] bin = PolyWriter.encode(policy);
        MicaRig.Realm r = rig.create("lone", cpu -> {
            MicaRig.report(cpu, MicaRig.upload(cpu, bin));
            after.run(cpu);
        }, 1, SHM0);
        rig.activate(r);
        rig.share(r, SHM0, rig.channel(1), 1);
        return r;
    }

    private static Policy single(PolicyVm self, MemObject... extra) {
        List<MemObject> mems = new java.util.ArrayList<>();
        mems.add(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW)));
        mems.addAll(List.of(extra));
        return new Policy(0, List.of(self), mems, List.of());
    }

    @Test
    void nonGatewayLosesAndCannotRegainUnprotectedMemory() {
        try (MicaRig rig = new MicaRig()) {
            MicaRig.Realm r = lone(rig, single(Policies.vm("VM1", 1, false, false)), cpu -> MicaRig.report(cpu, 7));
            long ns = rig.t.granule();
            rig.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP, 3, MicaRig.nsDesc(ns));
            assertEquals(1, rig.entry(r, UNP).x2(), "mapped before the upload");
            assertEquals(0, hostCall(rig.enter(r)), rig.state().lastUpload(r.rd()).toString());
            assertEquals(0, rig.entry(r, UNP).x2(), "activation removed it");
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP, 3,
                    MicaRig.nsDesc(ns)));
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(),
                    UNP + 0x20_0000, 2, MicaRig.nsDesc(0x8020_0000L)), "a block is refused too");
        }
    }

    @Test
    void strictGatewayKeepsOnlyItsDeclaredUnprotectedRanges() {
        try (MicaRig rig = new MicaRig()) {
            MemObject nic = Policies.unprotected("Net1", 0x2000, Policies.named(0, UNP + 0x2000, Prot.RW));
            MicaRig.Realm r = lone(rig, single(Policies.vm("VM1", 1, true, true), nic), cpu -> MicaRig.report(cpu, 7));
            for (int k = 0; k < 4; k++) {
                rig.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP + k * 0x1000L, 3,
                        MicaRig.nsDesc(rig.t.granule()));
            }
            assertEquals(0, hostCall(rig.enter(r)), rig.state().lastUpload(r.rd()).toString());
            assertEquals(List.of(0L, 0L, 1L, 1L), List.of(rig.entry(r, UNP).x2(), rig.entry(r, UNP + 0x1000).x2(),
                    rig.entry(r, UNP + 0x2000).x2(), rig.entry(r, UNP + 0x3000).x2()), "only Net1 survives");
            assertEquals("RMI_ERROR_REALM", rig.t.status(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP, 3,
                    MicaRig.nsDesc(rig.t.granule())));
            rig.t.ok(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, r.rd(), UNP + 0x2000, 3);
            rig.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP + 0x2000, 3, MicaRig.nsDesc(rig.t.granule()));
        }
    }

    @Test
    void nonStrictGatewayKeepsItsHostMemory() {
        try (MicaRig rig = new MicaRig()) {
            MicaRig.Realm r = lone(rig, single(Policies.vm("VM1", 1, true, false)), cpu -> MicaRig.report(cpu, 7));
            rig.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP, 3, MicaRig.nsDesc(rig.t.granule()));
            assertEquals(0, hostCall(rig.enter(r)));
            assertEquals(1, rig.entry(r, UNP).x2());
            rig.t.ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd(), UNP + 0x1000, 3, MicaRig.nsDesc(rig.t.granule()));
        }
    }

    @Test
    void aBlockedRealmsSmcNeverReachesTheHost() {
        try (MicaRig rig = new MicaRig()) {
            Policy blocked = new Policy(0, List.of(Policies.vm("VM1", 1, true, false)),
                    List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))),
                    List.of(Policies.cf("CF1", 0, CfType.CALL, CfPolicy.BLOCK, 0x17)));
            byte[] bin = PolyWriter.encode(blocked);
            MicaRig.Realm r = rig.create("blocked", cpu -> {
                long before = MicaRig.report(cpu, 1);
                long upload = MicaRig.upload(cpu, bin);
                long after = MicaRig.report(cpu, 2);
                long token = cpu.smc(org.micasim.rmm.abi.RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP.fid())[0];
                cpu.store64(UNP + 0x10_0000, before << 32 | upload << 16 | after << 8 | token);
            }, 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            assertEquals(1, hostCall(rig.enter(r)), "before its upload nothing is blocked");
            RmiRecExit e = rig.enter(r);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, e.exitReason(),
                    "the host call after the upload never reached the host: the next exit is the MMIO write");
            long v = e.gpr(0);
            assertEquals(RsiStatus.RSI_SUCCESS.code(), (v >>> 32) & 0xFF, "the first host call completed");
            assertEquals(RsiStatus.RSI_SUCCESS.code(), (v >>> 16) & 0xFF, "upload");
            assertEquals(RsiStatus.RSI_ERROR_STATE.code(), (v >>> 8) & 0xFF, "the blocked host call");
            assertEquals(RsiStatus.RSI_SUCCESS.code(), v & 0xFF, "RMM services such as attestation still work");
        }
    }

    @Test
    void blockedAsynchronousExitsReachTheHostWithoutRealmData() {
        try (MicaRig rig = new MicaRig()) {
            Policy p = new Policy(0, List.of(Policies.vm("VM1", 1, true, false)),
                    List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))),
                    List.of(Policies.cf("CF1", 0, CfType.EXCEPTION, CfPolicy.BLOCK, 6)));
            MicaRig.Realm r = lone(rig, p, cpu -> MicaRig.report(cpu, 3));
            org.micasim.rmm.realm.Rd rd = rig.t.rmm.state().rdAt(r.rd());
            // The simulated guest cannot raise an SError: hand the installed filters an SError exit the way
            // the run loop does, before and after the upload.
            java.util.function.Supplier<RmiRecExit> serror = () -> RmiRecExit.zero()
                    .setExitReason(RmiRecExitReason.RMI_EXIT_SERROR).setEsr(0xBE00_0011L).setFar(0x44);
            RmiRecExit before = serror.get();
            rig.t.rmm.state().exitFilters().forEach(f -> f.beforeExitToHost(rd, null, before));
            assertEquals(0xBE00_0011L, before.esr(), "nothing is blocked before the upload");
            assertEquals(0, hostCall(rig.enter(r)));
            RmiRecExit after = serror.get();
            rig.t.rmm.state().exitFilters().forEach(f -> f.beforeExitToHost(rd, null, after));
            assertEquals(RmiRecExitReason.RMI_EXIT_SERROR, after.exitReason(), "the exit still happens");
            assertEquals(0, after.esr());
            assertEquals(0, after.far());
            RmiRecExit irq = RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_IRQ).setEsr(5);
            rig.t.rmm.state().exitFilters().forEach(f -> f.beforeExitToHost(rd, null, irq));
            assertEquals(5, irq.esr(), "no rule for IRQ exits (selector 1)");
        }
    }

    @Test
    void theSameRuleAboutAnotherIdentityBlocksNothingHere() {
        try (MicaRig rig = new MicaRig()) {
            Policy other = new Policy(0, List.of(Policies.vm("VM1", 1, true, false), Policies.vm("VM2", 2, false, false)),
                    List.of(Policies.mem("Mem1", 0x1000, Policies.named(0, SHM0, Prot.RW))),
                    List.of(Policies.cf("CF1", 1, CfType.CALL, CfPolicy.BLOCK, 0x17),
                            Policies.cf("CF2", 0, CfType.CALL, CfPolicy.BLOCK, 0x23)));
            MicaRig.Realm r = lone(rig, other, cpu -> MicaRig.report(cpu, 9));
            assertEquals(0, hostCall(rig.enter(r)));
            assertEquals(9, hostCall(rig.enter(r)), "a rule for VM2, and the published 0x23 selector, block nothing");
            assertTrue(rig.state().transitions().rules().size() == 2);
        }
    }
}
