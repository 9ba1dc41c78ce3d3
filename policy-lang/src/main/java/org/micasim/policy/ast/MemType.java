package org.micasim.policy.ast;

/**
 * Kind of a memory object.
 *
 * <p>@spec mica.md §4.5, MEM_PROTECTED=1 MEM_UNPROTECTED=2 MEM_OTHER=3
 */
public enum MemType implements PolicyKeyword {
    PROTECTED(1),
    UNPROTECTED(2),
    OTHER(3);

    private final int encoding;

    MemType(int encoding) {
        this.encoding = encoding;
    }

    @Override
    public int encoding() {
        return encoding;
    }

    @Override
    public String keyword() {
        return name();
    }
}
