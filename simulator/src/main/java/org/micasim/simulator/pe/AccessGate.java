package org.micasim.simulator.pe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Completion of broadcast maintenance on one PE: what the DSB after a broadcast TLBI waits for here. On
 * hardware, a TLBI ...IS / ...OS followed by DSB completes only once every access of the other PEs that
 * may have used the invalidated translation or GPT information has completed (Arm ARM DDI0487, ordering
 * and completion of TLB maintenance instructions; the TLBI PA operations complete like every other TLBI).
 * The simulator's accesses are Java code that may be descheduled between its translation (TLB, stage-2
 * walk, granule protection check) and its memory operation, so the PE's current access holds this gate
 * and the invalidating PE waits for it.
 *
 * <p>Protocol. Whoever executes on the PE (the host thread for its NS-EL2 and R-EL2 accesses, the vCPU
 * thread while guest code runs at R-EL1) {@link #enter enters} before translating and {@link #leave
 * leaves} after the memory operation, and always before it blocks, traps or waits for anything. Guest
 * code holds the gate from its resume to its next trap and calls {@link #safePoint} between guest
 * operations: a plain read of the request count, so the guest fast path pays one load. A broadcast
 * TLBI, after dropping the entries, calls {@link #awaitSafePoint} on every other PE's gate: it returns at
 * once if nobody holds the gate, else when the holder has passed a safe point or left. Accesses that
 * started after that point see the invalidation; those before it have completed. One holder at a time
 * (a PE is driven by one thread at a time); any number of waiters.
 *
 * <p>Waiting charges no simulated cycles: the DSB's cost is already charged as a BARRIER event by the
 * invalidating PE, and the simulator does not model how long other PEs' accesses take to drain.
 */
public final class AccessGate {
    private static final VarHandle REQUESTED;

    static {
        try {
            REQUESTED = MethodHandles.lookup().findVarHandle(AccessGate.class, "requested", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * False on a machine with one PE, where no other PE can issue broadcast maintenance: the gate then
     * costs a branch per access instead of its volatile stores.
     */
    private final boolean shared;
    /** Sync requests so far (each waiter adds one). */
    private volatile long requested;
    /** The highest request the current holder has acknowledged (its later accesses see the invalidation). */
    private volatile long acknowledged;
    /** Whether an access (or guest code) is in flight on the PE. */
    private volatile boolean held;
    /** Waiters blocked on this gate's monitor; a holder notifies only when there are some. */
    private volatile int waiters;
    /** The request count the holder last acknowledged; read by the holder only (plain). */
    private long seen;

    /** A gate other PEs may wait on. */
    public AccessGate() {
        this(true);
    }

    /** A gate other PEs may wait on if {@code shared}; an unshared gate never blocks anyone. */
    public AccessGate(boolean shared) {
        this.shared = shared;
    }

    /** Starts an access (or a stretch of guest code) on this PE; every request made so far is satisfied. */
    public void enter() {
        if (!shared) {
            return;
        }
        held = true;
        long r = requested;
        seen = r;
        acknowledged = r;
        if (waiters != 0) {
            wake();
        }
    }

    /** Ends it: nothing of this PE is in flight any more. */
    public void leave() {
        if (!shared) {
            return;
        }
        held = false;
        if (waiters != 0) {
            wake();
        }
    }

    /**
     * Between two guest operations: if a broadcast invalidation asked for a sync, acknowledge it (the
     * accesses before this point have completed; those after it see the invalidation). One plain load when
     * nothing is asked. A plain load may in principle be kept in a register by the JIT across a tight loop
     * of guest operations; the acknowledgement then comes at the guest's next trap, at the latest when the
     * host timer ends its time slice, since every trap leaves the gate. Measured with HotSpot 17's C2 on
     * the load loop of {@code GuestProgramBenchmark}, it comes at the next operation. What the guest does
     * after the acknowledgement is ordered after the invalidation by the volatile read in it, not by this
     * load (an opaque load here costs the guest fast path about 9 %).
     */
    public void safePoint() {
        if ((long) REQUESTED.get(this) != seen) {
            acknowledge();
        }
    }

    private void acknowledge() {
        long r = requested;
        seen = r;
        acknowledged = r;
        if (waiters != 0) {
            wake();
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    /**
     * Called by another PE after a broadcast invalidation: returns once every access this PE had in flight
     * has completed, i.e. when nobody holds the gate or the holder has passed a safe point. The caller must
     * not hold this gate.
     */
    public void awaitSafePoint() {
        long ticket = (long) REQUESTED.getAndAdd(this, 1L) + 1;
        if (!held || acknowledged >= ticket) {
            return;
        }
        for (int spin = 0; spin < 64; spin++) {
            Thread.onSpinWait();
            if (!held || acknowledged >= ticket) {
                return;
            }
        }
        boolean interrupted = false;
        synchronized (this) {
            waiters++;
            try {
                while (held && acknowledged < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // a DSB cannot be abandoned halfway: finish, then re-assert
                    }
                }
            } finally {
                waiters--;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an access or guest code is in flight on this PE (for inspection and tests). */
    public boolean held() {
        return held;
    }

    /** How many invalidating PEs are waiting for this PE right now (for inspection and tests). */
    public int waiters() {
        return waiters;
    }
}
