package org.micasim.rmm.granule;

/**
 * The RMM's bookkeeping for one 4 KiB granule of delegable memory: its state and reference count. The
 * GPT itself is owned by EL3; this record of it changes only together with a successful GTSI call.
 */
public final class Granule {
    /** Granule size in bytes. */
    public static final long SIZE = 4096;
    /** log2 of the granule size. */
    public static final int SHIFT = 12;
    /** Largest reference count (TF-RMM descriptor bits 9:0). */
    public static final int MAX_REFCOUNT = 1023;

    private final long pa;
    private GranuleState state = GranuleState.UNDELEGATED;
    private int refcount;

    Granule(long pa) {
        this.pa = pa;
    }

    public long pa() {
        return pa;
    }

    public GranuleState state() {
        return state;
    }

    public int refcount() {
        return refcount;
    }

    /** Changes state; a granule may change state only while nothing references it. */
    public void transition(GranuleState to) {
        if (refcount != 0) {
            throw new IllegalStateException(String.format("granule 0x%x in %s has refcount %d, cannot become %s",
                pa, state, refcount, to));
        }
        state = to;
    }

    public void refcountInc() {
        if (refcount == MAX_REFCOUNT) {
            throw new IllegalStateException(String.format("granule 0x%x refcount overflow", pa));
        }
        refcount++;
    }

    public void refcountDec() {
        if (refcount == 0) {
            throw new IllegalStateException(String.format("granule 0x%x refcount underflow", pa));
        }
        refcount--;
    }

    /** Adds {@code delta} (may be negative) to the reference count. */
    public void refcountAdd(int delta) {
        int n = refcount + delta;
        if (n < 0 || n > MAX_REFCOUNT) {
            throw new IllegalStateException(String.format("granule 0x%x refcount %d out of range", pa, n));
        }
        refcount = n;
    }

    @Override
    public String toString() {
        return String.format("Granule[0x%x %s ref=%d]", pa, state, refcount);
    }
}
