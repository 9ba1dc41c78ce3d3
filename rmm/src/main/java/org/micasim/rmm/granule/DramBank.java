package org.micasim.rmm.granule;

/**
 * A bank of platform DRAM the RMM may manage, as EL3's boot manifest describes it.
 *
 * @spec TF-A rmm-el3-comms-spec (boot manifest NS DRAM banks); DEN0137 §B3 PaIsDelegable
 */
public record DramBank(long base, long size) {
    public DramBank {
        if (base % Granule.SIZE != 0 || size <= 0 || size % Granule.SIZE != 0) {
            throw new IllegalArgumentException(String.format(
                "DRAM bank must be granule aligned and non-empty: base 0x%x size 0x%x", base, size));
        }
    }

    /** True if {@code pa} lies in this bank. */
    public boolean contains(long pa) {
        return Long.compareUnsigned(pa, base) >= 0 && Long.compareUnsigned(pa - base, size) < 0;
    }
}
