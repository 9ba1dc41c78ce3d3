package org.micasim.simulator.memory;

/**
 * A physical address space, with the encoding RME gives it in SCR_EL3.{NSE,NS} and in the low two bits
 * of a GPI.
 *
 * <p>Arm ARM DDI0487 §D1.2 (RME physical address spaces); GPI check rule: an access to PAS p is allowed by
 * GPI g iff g == ANY or (g &amp; 0b11) == p.encoding() for the four single-PAS GPIs.
 */
public enum Pas {
    /** Secure PAS: NSE=0, NS=0. */
    SECURE(0b00),
    /** Non-secure PAS: NSE=0, NS=1. */
    NON_SECURE(0b01),
    /** Root PAS: NSE=1, NS=0. */
    ROOT(0b10),
    /** Realm PAS: NSE=1, NS=1. */
    REALM(0b11);

    private static final Pas[] BY_ENCODING = {SECURE, NON_SECURE, ROOT, REALM};

    private final int encoding;

    Pas(int encoding) {
        this.encoding = encoding;
    }

    /** The two-bit {NSE,NS} encoding. */
    public int encoding() {
        return encoding;
    }

    /** The PAS for a two-bit {NSE,NS} encoding. */
    public static Pas fromEncoding(int encoding) {
        if (encoding < 0 || encoding > 3) {
            throw new IllegalArgumentException("PAS encoding must be 0..3, got " + encoding);
        }
        return BY_ENCODING[encoding];
    }
}
