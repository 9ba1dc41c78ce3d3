package org.micasim.simulator.pe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's contract, one holder and waiting invalidators on other threads. "Is waiting" is observed
 * through {@link AccessGate#waiters()}, so nothing depends on timing.
 */
class AccessGateTest {
    final AccessGate gate = new AccessGate();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private Future<?> waiter() {
        return pool.submit(gate::awaitSafePoint);
    }

    private void untilWaiting(int n) {
        while (gate.waiters() < n) {
            Thread.yield();
        }
    }

    @Test
    void nobodyInFlightMeansNoWait() {
        gate.awaitSafePoint();
        gate.enter();
        gate.leave();
        gate.awaitSafePoint();
        assertFalse(gate.held());
    }

    @Test
    void aWaiterWaitsForTheHoldersNextSafePoint() throws Exception {
        gate.enter();
        gate.safePoint(); // nothing asked yet: no effect
        Future<?> w = waiter();
        untilWaiting(1);
        assertFalse(w.isDone(), "the access in flight has not completed");
        gate.safePoint();
        w.get();
        assertTrue(gate.held(), "a safe point does not end the holder's stretch");
        gate.leave();
    }

    @Test
    void leavingReleasesEveryWaiter() throws Exception {
        gate.enter();
        Future<?> a = waiter();
        Future<?> b = waiter();
        untilWaiting(2);
        gate.leave();
        a.get();
        b.get();
    }

    @Test
    void aSafePointBeforeTheRequestDoesNotSatisfyIt() throws Exception {
        gate.enter();
        gate.safePoint();
        Future<?> w = waiter();
        untilWaiting(1);
        assertFalse(w.isDone());
        gate.leave();
        w.get();
    }

    @Test
    void aHolderThatEntersAfterTheRequestDoesNotHoldItUp() throws Exception {
        gate.enter();
        Future<?> w = waiter();
        untilWaiting(1);
        gate.leave();
        gate.enter(); // a new stretch starts after the invalidation: it cannot use what was dropped
        w.get();
        Future<?> next = waiter();
        untilWaiting(1);
        assertFalse(next.isDone(), "but a later request waits for this stretch");
        gate.safePoint();
        next.get();
        gate.leave();
    }
}
