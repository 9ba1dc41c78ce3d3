package org.micasim.rmm.mica;

/** An IPA range [base, base + size). */
public record IpaRange(long base, long size) {
    /** Whether {@code ipa} lies in the range. */
    public boolean contains(long ipa) {
        return Long.compareUnsigned(ipa, base) >= 0 && Long.compareUnsigned(ipa - base, size) < 0;
    }
}
