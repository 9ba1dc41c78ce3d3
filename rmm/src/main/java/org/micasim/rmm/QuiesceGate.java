package org.micasim.rmm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A simulator facility outside the modelled firmware (TF-RMM has nothing like it): a gate that lets a
 * tool see the RMM at rest. Every RMI call except RMI_VERSION and RMI_FEATURES passes it as a reader for
 * its whole duration, RMI_REC_ENTER with the REC's run and its RSI calls included; readers never wait for
 * one another. A tool closes it with {@link #lock}: once that returns, no RMI call is in flight and none
 * starts until {@link #unlock}, so the invariant checker and the fuzzer's generator read a state no PE is
 * changing. The writer side is reentrant; a thread must not close the gate from inside an RMI call (it
 * would wait for itself). Entering and leaving allocate nothing.
 */
public final class QuiesceGate {
    private static final VarHandle ACTIVE;
    private static final VarHandle WRITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ACTIVE = l.findVarHandle(QuiesceGate.class, "active", int.class);
            WRITER = l.findVarHandle(QuiesceGate.class, "writer", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** RMI calls in flight. */
    private volatile int active;
    /** The thread holding the gate closed, or null. */
    private volatile Thread writer;
    /** How many times {@link #writer} has closed it (touched only by that thread). */
    private int holds;

    /** An RMI call starts: waits while another thread holds the gate closed. */
    public void enter() {
        Thread me = Thread.currentThread();
        int round = 0;
        while (true) {
            Thread w = writer;
            if (w == null || w == me) {
                ACTIVE.getAndAdd(this, 1);
                w = writer;
                if (w == null || w == me) {
                    return;
                }
                ACTIVE.getAndAdd(this, -1);
            }
            pause(round++);
        }
    }

    /** The RMI call has finished. */
    public void exit() {
        ACTIVE.getAndAdd(this, -1);
    }

    /** Closes the gate: waits for every RMI call in flight to finish and keeps new ones out. */
    public void lock() {
        Thread me = Thread.currentThread();
        if (writer == me) {
            holds++;
            return;
        }
        int round = 0;
        while (!WRITER.compareAndSet(this, null, me)) {
            pause(round++);
        }
        holds = 1;
        round = 0;
        while (active != 0) {
            pause(round++);
        }
    }

    /**
     * Opens the gate again (after as many calls as {@link #lock}).
     *
     * @throws IllegalStateException if the calling thread does not hold it
     */
    public void unlock() {
        if (writer != Thread.currentThread()) {
            throw new IllegalStateException("the quiesce gate is not held by this thread");
        }
        if (--holds == 0) {
            writer = null;
        }
    }

    /** Whether the calling thread holds the gate closed. */
    public boolean isHeldByCurrentThread() {
        return writer == Thread.currentThread();
    }

    private static void pause(int round) {
        if (round < 64) {
            Thread.onSpinWait();
        } else if (round < 256) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(50_000);
        }
    }
}
