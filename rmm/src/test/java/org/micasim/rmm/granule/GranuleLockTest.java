package org.micasim.rmm.granule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * TF-RMM's granule locking: the bit lock in the descriptor, {@code find_lock_granule},
 * {@code find_lock_two_granules} and {@code find_lock_granules}, and the out-of-order try.
 */
class GranuleLockTest {
    private static final long BASE = 0x8000_0000L;
    private static final long A = BASE + 0x1000;
    private static final long B = BASE + 0x7000;
    private static final long C = BASE + 0x3000;

    private static GranuleTable table() {
        return new GranuleTable(List.of(new DramBank(BASE, 0x10_0000)));
    }

    private static GranuleTable delegated(long... pas) {
        GranuleTable t = table();
        for (long pa : pas) {
            t.find(pa).transition(GranuleState.DELEGATED);
        }
        return t;
    }

    @Test
    void theLockSharesTheDescriptorWithStateAndRefcount() {
        Granule g = table().find(A);
        g.transition(GranuleState.RTT);
        g.refcountAdd(512);
        g.lock();
        assertTrue(g.isLocked());
        assertEquals(GranuleState.RTT, g.state());
        assertEquals(512, g.refcount());
        assertFalse(g.tryLock(), "the bit lock is not reentrant");
        g.refcountDec();
        g.unlock();
        assertFalse(g.isLocked());
        assertEquals(511, g.refcount());
        assertThrows(IllegalStateException.class, g::unlock, "unlocking a free granule is an RMM bug");
        assertThrows(IllegalStateException.class, () -> g.transition(GranuleState.DELEGATED),
            "a referenced granule keeps its state");
    }

    @Test
    void findLockKeepsTheLockOnlyForTheExpectedState() {
        GranuleTable t = delegated(A);
        assertNull(t.findLock(A, GranuleState.RD));
        assertFalse(t.find(A).isLocked(), "a mismatch releases the lock");
        assertNull(t.findLock(A + 8, GranuleState.DELEGATED), "not aligned");
        assertNull(t.findLock(0x1000, GranuleState.UNDELEGATED), "not delegable");
        Granule g = t.findLock(A, GranuleState.DELEGATED);
        assertNotNull(g);
        assertTrue(g.isLocked());
        g.unlockTransition(GranuleState.RD);
        assertFalse(g.isLocked());
        assertEquals(GranuleState.RD, g.state());
    }

    @Test
    void findLockTwoTakesBothOrNeither() {
        GranuleTable t = delegated(A, B);
        assertFalse(t.findLockTwo(A, GranuleState.DELEGATED, A, GranuleState.DELEGATED), "an alias fails");
        assertFalse(t.findLockTwo(B, GranuleState.DELEGATED, A, GranuleState.RD), "the lower one mismatches");
        assertFalse(t.findLockTwo(A, GranuleState.DELEGATED, B, GranuleState.REC), "the higher one mismatches");
        assertFalse(t.find(A).isLocked() || t.find(B).isLocked(), "a failure holds nothing");
        assertTrue(t.findLockTwo(B, GranuleState.DELEGATED, A, GranuleState.DELEGATED));
        assertTrue(t.find(A).isLocked() && t.find(B).isLocked());
        t.find(A).unlock();
        t.find(B).unlock();
    }

    @Test
    void findLockAllReturnsInArgumentOrderAndReleasesOnFailure() {
        GranuleTable t = delegated(A, B, C);
        Granule[] all = t.findLockAll(new long[] {B, A, C},
            new GranuleState[] {GranuleState.DELEGATED, GranuleState.DELEGATED, GranuleState.DELEGATED});
        assertNotNull(all);
        assertEquals(List.of(B, A, C), List.of(all[0].pa(), all[1].pa(), all[2].pa()));
        for (Granule g : all) {
            g.unlock();
        }
        assertNull(t.findLockAll(new long[] {B, A, C},
            new GranuleState[] {GranuleState.DELEGATED, GranuleState.DELEGATED, GranuleState.RD}));
        assertNull(t.findLockAll(new long[] {B, A, B},
            new GranuleState[] {GranuleState.DELEGATED, GranuleState.DELEGATED, GranuleState.DELEGATED}));
        for (long pa : new long[] {A, B, C}) {
            assertFalse(t.find(pa).isLocked(), "a failure holds nothing");
        }
    }

    @Test
    void lockAfterOnlyTriesBelowWhatIsHeld() {
        GranuleTable t = delegated(A, B);
        Granule a = t.find(A);
        assertTrue(GranuleTable.lockAfter(a, B), "free: taken even out of order");
        assertFalse(GranuleTable.lockAfter(a, B), "busy and below a held granule: not waited for");
        a.unlock();
    }

    /**
     * Threads lock the same two granules, half of them naming them as (a, b) and half as (b, a), many
     * times. With the locks taken in argument order this deadlocks quickly; in address order it cannot.
     * Each critical section also checks mutual exclusion.
     */
    @Test
    void twoGranuleLockingIsDeadlockFreeUnderOppositeArgumentOrders() {
        GranuleTable t = delegated(A, B);
        int threads = 4;
        int rounds = 20_000;
        int[] inside = new int[1];
        long[] total = new long[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<String>> done = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    boolean reversed = i % 2 == 1;
                    done.add(pool.submit(() -> {
                        start.await();
                        long first = reversed ? B : A;
                        long second = reversed ? A : B;
                        for (int r = 0; r < rounds; r++) {
                            if (!t.findLockTwo(first, GranuleState.DELEGATED, second, GranuleState.DELEGATED)) {
                                return "findLockTwo failed on granules in their expected states";
                            }
                            if (++inside[0] != 1) {
                                return "two threads held both granules at once";
                            }
                            total[0]++;
                            inside[0]--;
                            t.find(second).unlock();
                            t.find(first).unlock();
                        }
                        return "";
                    }));
                }
                for (Future<String> f : done) {
                    assertEquals("", f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        });
        assertEquals((long) threads * rounds, total[0]);
        assertFalse(t.find(A).isLocked() || t.find(B).isLocked());
    }

    @Test
    void refcountUpdatesAreAtomicWithoutTheLock() throws Exception {
        Granule g = table().find(A);
        g.transition(GranuleState.RD);
        int threads = 4;
        int rounds = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean locking = i % 2 == 0;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        if (locking) {
                            g.lock();
                            g.refcountInc();
                            g.unlock();
                        } else {
                            g.refcountInc();
                        }
                        g.refcountDec();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, g.refcount());
        assertEquals(GranuleState.RD, g.state());
        assertFalse(g.isLocked());
    }
}
