package org.micasim.rmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.invariant.InvariantChecker;
import org.micasim.rmm.invariant.PhysicalView;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;

/**
 * RMI calls from two PEs at once under TF-RMM's granule locks: PE 1 is stopped inside RMI_REALM_ACTIVATE
 * of realm A (by an extension hook that waits on a latch, with A's RD locked), and PE 0 meanwhile works on
 * realm B, which the single RMM lock this replaced would have held back, while a command on realm A itself
 * waits for A's RD. Waiting is seen through thread states, never through elapsed time.
 */
class ParallelRmiTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** An extension that holds RMI_REALM_ACTIVATE of one realm inside its lifecycle hook until released. */
    private static final class StopInActivate implements RmmExtension {
        final AtomicLong rd = new AtomicLong(-1);
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void install(RmmState rmm) {
            rmm.addLifecycleListener(new RealmLifecycleListener() {
                @Override
                public void realmActivated(Rd activated) {
                    if (activated.pa() == rd.get()) {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
        }
    }

    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aCallOnAnotherRealmProceedsWhileAPeHoldsThisRealmsRd() {
        StopInActivate stop = new StopInActivate();
        try (RmmTestbed t = new RmmTestbed(2, new GuestProgramRegistry(), null, null, stop)) {
            long a = t.createRealm(1);
            long b = t.createRealm(2);
            long ipa = 0x40_0000L;
            long dataB = t.delegated();
            long rttA2 = t.delegated();
            long free = t.granule();
            stop.rd.set(a);
            HostCpu pe1 = t.machine.host(1);
            long[] activateA = new long[1];
            Thread blocked = new Thread(() -> activateA[0] = pe1.smc(RmiCommand.RMI_REALM_ACTIVATE.fid(), a).x0());
            assertTimeoutPreemptively(LIMIT, () -> {
                blocked.start();
                stop.inside.await();
                assertTrue(t.rmm.state().granules().lookup(a).isLocked(), "PE 1 holds realm A's RD");

                // PE 0: realm B's RD, RTTs and a DATA granule, and an unrelated granule, all while A's RD is held.
                t.mapTables(b, ipa);
                t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN, b, dataB, ipa);
                t.ok(RmiCommand.RMI_REALM_ACTIVATE, b);
                t.ok(RmiCommand.RMI_GRANULE_DELEGATE, free);

                // A command on realm A itself waits for A's RD.
                long[] createA = new long[1];
                Thread waiting = new Thread(() -> createA[0] =
                    t.smc(RmiCommand.RMI_RTT_CREATE, a, rttA2, 0, 2).x0());
                waiting.start();
                awaitParked(waiting);
                assertTrue(waiting.isAlive(), "RTT_CREATE on A waits while A's RD is held");

                stop.release.countDown();
                blocked.join();
                waiting.join();
                assertEquals(0, activateA[0], RmiReturn.format(activateA[0]));
                assertEquals(0, createA[0], RmiReturn.format(createA[0]));
            });
            assertEquals(List.of(), new InvariantChecker(t.rmm.state(), PhysicalView.of(t.machine)).check().violations());
        }
    }

    /**
     * The RMM's own walks, run inside an RMI call (an extra command an extension registers, as walks need
     * R-EL2): a locked walk ends holding only the last table; a tried walk with the root busy holds nothing.
     */
    @Test
    void aLockedWalkHoldsOnlyTheTableItEndsIn() {
        long ipa = 0x40_0000L;
        long[] rdPa = new long[1];
        List<List<Long>> lockedDuringWalk = new java.util.ArrayList<>();
        List<Object> triedWithRootBusy = new java.util.ArrayList<>();
        RmmExtension probe = rmm -> rmm.rmi().register(RmiCommand.RMI_SGT, x -> {
            Rd realm = rmm.rdAt(rdPa[0]);
            RttWalkResult w = rmm.rtts().lockRootAndWalk(realm.s2(), ipa, 3);
            lockedDuringWalk.add(lockedPas(rmm));
            rmm.rtts().unlock(w);
            lockedDuringWalk.add(List.of(w.rttPa(), (long) w.level()));
            Granule root = rmm.granules().lookup(realm.s2().rttBase());
            root.lock();
            triedWithRootBusy.add(String.valueOf(rmm.rtts().tryLockRootAndWalk(realm.s2(), ipa, 3)));
            root.unlock();
            return org.micasim.rmm.rmi.RmiResult.success();
        });
        try (RmmTestbed t = new RmmTestbed(new GuestProgramRegistry(), null, null, probe)) {
            rdPa[0] = t.createRealm(1);
            t.mapTables(rdPa[0], ipa);
            t.ok(RmiCommand.RMI_SGT, 0);
            long leaf = lockedDuringWalk.get(1).get(0);
            assertEquals(3L, lockedDuringWalk.get(1).get(1));
            assertEquals(List.of(leaf), lockedDuringWalk.get(0), "hand over hand: only the last table is held");
            assertEquals(List.of("null"), triedWithRootBusy, "a busy root is not waited for");
            assertEquals(List.of(), lockedPas(t.rmm.state()), "and nothing is left held");
        }
    }

    private static List<Long> lockedPas(RmmState s) {
        return s.granules().known().stream().filter(Granule::isLocked).map(Granule::pa).toList();
    }
}
