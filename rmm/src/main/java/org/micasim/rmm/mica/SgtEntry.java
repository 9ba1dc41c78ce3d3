package org.micasim.rmm.mica;

/**
 * One Shared Granule Table tuple (mica.md §2.7): protected page {@code pa} is mapped as shared at IPA
 * {@code gpa} of the realm whose RD is at {@code rd}.
 */
public record SgtEntry(long pa, long gpa, long rd) {
    /** Serialised size: three u64. */
    public static final int SIZE = 24;
}
