package org.micasim.policy.ast;

/**
 * Access a mapping grants to its VM. The codes match the Arm S2AP encodings.
 *
 * <p>@spec mica.md §4.5, PROT_R=1 PROT_W=2 PROT_RW=3
 */
public enum Prot implements PolicyKeyword {
    R(1, "R"),
    W(2, "W"),
    RW(3, "RW");

    private final int encoding;
    private final String keyword;

    Prot(int encoding, String keyword) {
        this.encoding = encoding;
        this.keyword = keyword;
    }

    @Override
    public int encoding() {
        return encoding;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    public boolean reads() {
        return (encoding & 1) != 0;
    }

    public boolean writes() {
        return (encoding & 2) != 0;
    }
}
