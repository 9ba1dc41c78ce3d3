package org.micasim.rmm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The quiesce gate: RMI calls pass it together, a tool closing it waits for those in flight and keeps new
 * ones out. Waiting is observed through the waiting thread's state (it parks after spinning), never
 * through elapsed time.
 */
class QuiesceGateTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Blocks until {@code t} is parked (it is waiting in the gate). */
    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    @Test
    void closingWaitsForTheCallsInFlight() {
        assertTimeoutPreemptively(LIMIT, () -> {
            QuiesceGate gate = new QuiesceGate();
            gate.enter();
            gate.enter(); // a second PE's call: readers do not exclude each other
            AtomicBoolean closed = new AtomicBoolean();
            Thread tool = new Thread(() -> {
                gate.lock();
                closed.set(true);
                gate.unlock();
            });
            tool.start();
            awaitParked(tool);
            gate.exit();
            assertFalse(closed.get(), "one call is still in flight");
            gate.exit();
            tool.join();
            assertTrue(closed.get());
        });
    }

    @Test
    void aClosedGateKeepsNewCallsOut() {
        assertTimeoutPreemptively(LIMIT, () -> {
            QuiesceGate gate = new QuiesceGate();
            gate.lock();
            CountDownLatch entered = new CountDownLatch(1);
            Thread call = new Thread(() -> {
                gate.enter();
                entered.countDown();
                gate.exit();
            });
            call.start();
            awaitParked(call);
            assertTrue(entered.getCount() == 1, "the call waits while the gate is closed");
            gate.unlock();
            entered.await();
            call.join();
        });
    }

    @Test
    void theHolderMayCloseItAgainAndStillCall() {
        assertTimeoutPreemptively(LIMIT, () -> {
            QuiesceGate gate = new QuiesceGate();
            gate.lock();
            gate.lock();
            assertTrue(gate.isHeldByCurrentThread());
            gate.enter();
            gate.exit();
            gate.unlock();
            assertTrue(gate.isHeldByCurrentThread(), "closed twice, opened once");
            gate.unlock();
            assertFalse(gate.isHeldByCurrentThread());
            assertThrows(IllegalStateException.class, gate::unlock);
        });
    }
}
