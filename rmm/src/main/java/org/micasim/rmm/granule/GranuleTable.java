package org.micasim.rmm.granule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The granule descriptor array: one {@link Granule} per delegable granule, created on first use (a
 * granule never looked at is UNDELEGATED with refcount 0). Like TF-RMM's flat array it is indexed by the
 * granule's offset in its DRAM bank, in chunks of {@value #CHUNK_GRANULES} descriptors allocated on first
 * use, so a lookup is a few array loads and a sparse table over a large PA space stays small.
 * Descriptors are created by a synchronized slow path, so every PA has exactly one; the lock-free fast
 * path may miss a descriptor another PE just created (it then takes the slow path) but never sees a
 * half-built one (a descriptor's PA is final and its initial descriptor word is the default 0).
 *
 * <p>The locking helpers are TF-RMM's {@code find_lock_granule}, {@code find_lock_two_granules} and
 * {@code find_lock_granules}: granules an RMI command names (in the <em>external</em> states UNDELEGATED,
 * DELEGATED, RD, REC) are locked in ascending PA order, each checked for its expected state as soon as it
 * is locked, and a mismatch releases everything taken so far.
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 AddrIsGranuleAligned, PaIsDelegable; TF-RMM {@code find_granule},
 *     {@code lib/granule/src/granule.c}, docs/design/locking.rst (guidelines 1-4)
 */
public final class GranuleTable {
    private static final int CHUNK_SHIFT = 9;
    /** Descriptors per chunk: 512, one 2 MiB block of DRAM. */
    public static final int CHUNK_GRANULES = 1 << CHUNK_SHIFT;

    private final List<DramBank> banks;
    /** The banks in PA order, for lookups and for {@link #known()}. */
    private final DramBank[] byAddress;
    /** Per bank (in {@link #byAddress} order): its chunks of descriptors, null until first used. */
    private final Granule[][][] chunks;

    public GranuleTable(List<DramBank> banks) {
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("the RMM needs at least one DRAM bank");
        }
        this.banks = List.copyOf(banks);
        this.byAddress = this.banks.stream()
            .sorted((a, b) -> Long.compareUnsigned(a.base(), b.base()))
            .toArray(DramBank[]::new);
        this.chunks = new Granule[byAddress.length][][];
        for (int i = 0; i < byAddress.length; i++) {
            long granules = byAddress[i].size() >>> Granule.SHIFT;
            chunks[i] = new Granule[(int) ((granules + CHUNK_GRANULES - 1) >>> CHUNK_SHIFT)][];
        }
    }

    /** The DRAM banks the RMM manages. */
    public List<DramBank> banks() {
        return banks;
    }

    /** AddrIsGranuleAligned. */
    public static boolean isAligned(long pa) {
        return (pa & (Granule.SIZE - 1)) == 0;
    }

    /** PaIsDelegable: inside DRAM known to the RMM. */
    public boolean isDelegable(long pa) {
        return bankOf(pa) >= 0;
    }

    private int bankOf(long pa) {
        for (int i = 0; i < byAddress.length; i++) {
            if (byAddress[i].contains(pa)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The descriptor of an aligned, delegable granule ({@code find_granule}); null if {@code pa} is not
     * aligned or not delegable.
     */
    public Granule find(long pa) {
        if (!isAligned(pa)) {
            return null;
        }
        int bank = bankOf(pa);
        if (bank < 0) {
            return null;
        }
        long index = (pa - byAddress[bank].base()) >>> Granule.SHIFT;
        Granule[] chunk = chunks[bank][(int) (index >>> CHUNK_SHIFT)];
        Granule g = chunk == null ? null : chunk[(int) index & (CHUNK_GRANULES - 1)];
        return g != null ? g : create(bank, index, pa);
    }

    private synchronized Granule create(int bank, long index, long pa) {
        int c = (int) (index >>> CHUNK_SHIFT);
        Granule[] chunk = chunks[bank][c];
        if (chunk == null) {
            chunk = new Granule[CHUNK_GRANULES];
            chunks[bank][c] = chunk;
        }
        int i = (int) index & (CHUNK_GRANULES - 1);
        if (chunk[i] == null) {
            chunk[i] = new Granule(pa);
        }
        return chunk[i];
    }

    /**
     * The descriptor of {@code pa}, locked, if {@code pa} is aligned and delegable and the granule is in
     * {@code expected}; null (nothing held) otherwise ({@code find_lock_granule}).
     */
    public Granule findLock(long pa, GranuleState expected) {
        Granule g = find(pa);
        return g != null && g.lockOnStateMatch(expected) ? g : null;
    }

    /**
     * Locks the granules at {@code pa1} and {@code pa2} in ascending PA order, each expected in its state;
     * true with both held, false with neither held if either is not aligned, not delegable or not in its
     * state, or if the two are the same granule ({@code find_lock_two_granules}). The caller gets the
     * descriptors with {@link #find}.
     */
    public boolean findLockTwo(long pa1, GranuleState expected1, long pa2, GranuleState expected2) {
        if (pa1 == pa2) {
            return false;
        }
        Granule g1 = find(pa1);
        Granule g2 = find(pa2);
        if (g1 == null || g2 == null) {
            return false;
        }
        boolean firstLow = Long.compareUnsigned(pa1, pa2) < 0;
        Granule low = firstLow ? g1 : g2;
        Granule high = firstLow ? g2 : g1;
        if (!low.lockOnStateMatch(firstLow ? expected1 : expected2)) {
            return false;
        }
        if (!high.lockOnStateMatch(firstLow ? expected2 : expected1)) {
            low.unlock();
            return false;
        }
        return true;
    }

    /**
     * Locks the granules at {@code pas[i]}, each expected in {@code expected[i]}, in ascending PA order;
     * returns their descriptors in argument order, all held, or null with none held if any is not aligned,
     * not delegable or not in its state, or if two are the same granule ({@code find_lock_granules}).
     */
    public Granule[] findLockAll(long[] pas, GranuleState[] expected) {
        int n = pas.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(pas[a], pas[b]));
        Granule[] out = new Granule[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            Granule g = (k > 0 && pas[order[k - 1]] == pas[i]) ? null : find(pas[i]);
            if (g == null || !g.lockOnStateMatch(expected[i])) {
                for (int j = k - 1; j >= 0; j--) {
                    out[order[j]].unlock();
                }
                return null;
            }
            out[i] = g;
        }
        return out;
    }

    /**
     * Locks {@code g}, an external granule wanted by a command that already holds external granules up to
     * PA {@code highestHeld}: in PA order (waiting) if it lies above them, else only if it is free now.
     * False means the caller must release everything and start again (an out-of-order wait could
     * deadlock); see docs/abi.md on RMI_REC_CREATE's auxiliary granules.
     */
    public static boolean lockAfter(Granule g, long highestHeld) {
        if (Long.compareUnsigned(g.pa(), highestHeld) > 0) {
            g.lock();
            return true;
        }
        return g.tryLock();
    }

    /** The descriptor if it is aligned, delegable and in {@code state}; null otherwise. */
    public Granule findInState(long pa, GranuleState state) {
        Granule g = find(pa);
        return g != null && g.state() == state ? g : null;
    }

    /** The descriptor of the granule at {@code pa} if one exists, else null; creates nothing (read-only). */
    public Granule lookup(long pa) {
        int bank = bankOf(pa);
        if (bank < 0) {
            return null;
        }
        long index = (pa - byAddress[bank].base()) >>> Granule.SHIFT;
        Granule[] chunk = chunks[bank][(int) (index >>> CHUNK_SHIFT)];
        return chunk == null ? null : chunk[(int) index & (CHUNK_GRANULES - 1)];
    }

    /** State of the granule at {@code pa}; UNDELEGATED for memory outside the table. */
    public GranuleState stateOf(long pa) {
        Granule g = lookup(pa);
        return g == null ? GranuleState.UNDELEGATED : g.state();
    }

    /**
     * Every granule the table has a descriptor for, in PA order, as a snapshot (granules never looked at
     * are UNDELEGATED with refcount 0). For invariant checking; unlike {@link #find} it creates nothing.
     */
    public List<Granule> known() {
        List<Granule> out = new ArrayList<>();
        for (Granule[][] bank : chunks) {
            for (Granule[] chunk : bank) {
                if (chunk == null) {
                    continue;
                }
                for (Granule g : chunk) {
                    if (g != null) {
                        out.add(g);
                    }
                }
            }
        }
        return Collections.unmodifiableList(out);
    }
}
