package org.micasim.rmm.granule;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The RMM's bookkeeping for one 4 KiB granule of delegable memory, kept as TF-RMM keeps it: one 16-bit
 * descriptor with the lock in bit 15, the state in bits 14:10 and the reference count in bits 9:0, so a
 * descriptor is an object header, the PA and one int. The GPT itself is owned by EL3; this record of it
 * changes only together with a successful GTSI call.
 *
 * <p>The lock is TF-RMM's bit lock ({@code granule_bitlock_acquire}/{@code _release}): a spin lock taken
 * with acquire and dropped with release semantics, with no owner and no reentrancy. State changes are
 * made while it is held; reference counts are updated atomically, with or without it (TF-RMM's
 * {@code atomic_granule_get}/{@code atomic_granule_put_release}: a REC's count while it runs, an RD's count
 * when a REC is destroyed). Neither rule is checked here, so host-side tools and tests may set up states
 * directly; the RMI and RSI handlers follow them (docs/abi.md, "Concurrency").
 *
 * @spec TF-RMM {@code lib/granule/include/granule.h}, {@code granule_types.h}, docs/design/locking.rst
 */
public final class Granule {
    /** Granule size in bytes. */
    public static final long SIZE = 4096;
    /** log2 of the granule size. */
    public static final int SHIFT = 12;
    /** Largest reference count (TF-RMM descriptor bits 9:0). */
    public static final int MAX_REFCOUNT = 1023;

    private static final int LOCK_BIT = 1 << 15;
    private static final int STATE_SHIFT = 10;
    private static final int STATE_MASK = 0x1F << STATE_SHIFT;
    private static final int REFCOUNT_MASK = 0x3FF;
    private static final GranuleState[] BY_ENCODING = new GranuleState[32];
    private static final VarHandle DESCRIPTOR;

    static {
        for (GranuleState s : GranuleState.values()) {
            BY_ENCODING[s.encoding()] = s;
        }
        try {
            DESCRIPTOR = MethodHandles.lookup().findVarHandle(Granule.class, "descriptor", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long pa;
    /**
     * Lock bit, state, refcount. Its initial value, unlocked UNDELEGATED with refcount 0, is the default 0,
     * so a descriptor another thread sees through a racy read of the table reads right.
     */
    private volatile int descriptor;

    Granule(long pa) {
        this.pa = pa;
    }

    public long pa() {
        return pa;
    }

    public GranuleState state() {
        return BY_ENCODING[(descriptor & STATE_MASK) >>> STATE_SHIFT];
    }

    public int refcount() {
        return descriptor & REFCOUNT_MASK;
    }

    /** Whether some PE holds this granule's lock (for checks at quiescent points). */
    public boolean isLocked() {
        return (descriptor & LOCK_BIT) != 0;
    }

    /** Takes the lock, spinning while another PE holds it ({@code granule_bitlock_acquire}). */
    public void lock() {
        int round = 0;
        while (((int) DESCRIPTOR.getAndBitwiseOrAcquire(this, LOCK_BIT) & LOCK_BIT) != 0) {
            do {
                pause(round++);
            } while ((descriptor & LOCK_BIT) != 0);
        }
    }

    /** Takes the lock if it is free; never waits. */
    public boolean tryLock() {
        return (descriptor & LOCK_BIT) == 0
            && ((int) DESCRIPTOR.getAndBitwiseOrAcquire(this, LOCK_BIT) & LOCK_BIT) == 0;
    }

    /**
     * Releases the lock ({@code granule_bitlock_release}).
     *
     * @throws IllegalStateException if it is not held (an RMM bug)
     */
    public void unlock() {
        int old = (int) DESCRIPTOR.getAndBitwiseAndRelease(this, ~LOCK_BIT);
        if ((old & LOCK_BIT) == 0) {
            throw new IllegalStateException(String.format("granule 0x%x unlocked while not locked", pa));
        }
    }

    /**
     * Takes the lock, then keeps it only if the granule is in {@code expected}
     * ({@code granule_lock_on_state_match}).
     */
    public boolean lockOnStateMatch(GranuleState expected) {
        lock();
        if (state() != expected) {
            unlock();
            return false;
        }
        return true;
    }

    /** Changes state; a granule may change state only while nothing references it. */
    public void transition(GranuleState to) {
        while (true) {
            int d = descriptor;
            if ((d & REFCOUNT_MASK) != 0) {
                throw new IllegalStateException(String.format("granule 0x%x in %s has refcount %d, cannot become %s",
                    pa, state(), d & REFCOUNT_MASK, to));
            }
            int n = (d & ~STATE_MASK) | (to.encoding() << STATE_SHIFT);
            if (DESCRIPTOR.compareAndSet(this, d, n)) {
                return;
            }
        }
    }

    /** Changes state and releases the lock ({@code granule_unlock_transition}). */
    public void unlockTransition(GranuleState to) {
        transition(to);
        unlock();
    }

    public void refcountInc() {
        refcountAdd(1);
    }

    public void refcountDec() {
        refcountAdd(-1);
    }

    /** Atomically adds {@code delta} (may be negative) to the reference count. */
    public void refcountAdd(int delta) {
        while (true) {
            int d = descriptor;
            int n = (d & REFCOUNT_MASK) + delta;
            if (n < 0 || n > MAX_REFCOUNT) {
                if (delta == 1) {
                    throw new IllegalStateException(String.format("granule 0x%x refcount overflow", pa));
                }
                if (delta == -1) {
                    throw new IllegalStateException(String.format("granule 0x%x refcount underflow", pa));
                }
                throw new IllegalStateException(String.format("granule 0x%x refcount %d out of range", pa, n));
            }
            if (DESCRIPTOR.compareAndSet(this, d, (d & ~REFCOUNT_MASK) | n)) {
                return;
            }
        }
    }

    /** Spin, then yield, then sleep briefly: a holder may have been descheduled on a busy host. */
    private static void pause(int round) {
        if (round < 128) {
            Thread.onSpinWait();
        } else if (round < 1024) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000);
        }
    }

    @Override
    public String toString() {
        return String.format("Granule[0x%x %s ref=%d%s]", pa, state(), refcount(), isLocked() ? " locked" : "");
    }
}
