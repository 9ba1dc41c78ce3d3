package org.micasim.rmm.granule;

import java.util.List;
import java.util.TreeMap;

/**
 * The granule descriptor array: one {@link Granule} per delegable granule, created on first use (a
 * granule never looked at is UNDELEGATED with refcount 0).
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 AddrIsGranuleAligned, PaIsDelegable; TF-RMM {@code find_granule}
 */
public final class GranuleTable {
    private final List<DramBank> banks;
    private final TreeMap<Long, Granule> granules = new TreeMap<>();

    public GranuleTable(List<DramBank> banks) {
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("the RMM needs at least one DRAM bank");
        }
        this.banks = List.copyOf(banks);
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
        for (DramBank b : banks) {
            if (b.contains(pa)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The descriptor of an aligned, delegable granule ({@code find_granule}); null if {@code pa} is not
     * aligned or not delegable.
     */
    public Granule find(long pa) {
        if (!isAligned(pa) || !isDelegable(pa)) {
            return null;
        }
        return granules.computeIfAbsent(pa, Granule::new);
    }

    /** The descriptor if it is aligned, delegable and in {@code state}; null otherwise. */
    public Granule findInState(long pa, GranuleState state) {
        Granule g = find(pa);
        return g != null && g.state() == state ? g : null;
    }

    /** State of the granule at {@code pa}; UNDELEGATED for memory outside the table. */
    public GranuleState stateOf(long pa) {
        Granule g = granules.get(pa & ~(Granule.SIZE - 1));
        return g == null ? GranuleState.UNDELEGATED : g.state();
    }
}
