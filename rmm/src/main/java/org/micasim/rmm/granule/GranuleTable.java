package org.micasim.rmm.granule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The granule descriptor array: one {@link Granule} per delegable granule, created on first use (a
 * granule never looked at is UNDELEGATED with refcount 0). Like TF-RMM's flat array it is indexed by the
 * granule's offset in its DRAM bank, in chunks of {@value #CHUNK_GRANULES} descriptors allocated on first
 * use, so a lookup is a few array loads and a sparse table over a large PA space stays small.
 * Descriptors are created under the RMM lock (the caller's); reads need no lock of their own.
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 AddrIsGranuleAligned, PaIsDelegable; TF-RMM {@code find_granule}
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
