package org.micasim.simulator.gpt;

import org.micasim.simulator.memory.Pas;

/**
 * Granule Protection Information values the simulator uses (Arm ARM DDI0487 §D9.3 GPT descriptor GPI
 * encodings; TF-A GPT_GPI_*). Other 4-bit values are reserved and make a GPT walk fault, except 0b0001 in
 * the low nibble of a level-1 word, which marks a contiguous descriptor.
 */
public enum Gpi {
    /** No access permitted, 0b0000. */
    NO_ACCESS(0x0),
    /** Secure PAS only, 0b1000. */
    SECURE(0x8),
    /** Non-secure PAS only, 0b1001. */
    NON_SECURE(0x9),
    /** Root PAS only, 0b1010. */
    ROOT(0xA),
    /** Realm PAS only, 0b1011. */
    REALM(0xB),
    /** All PAS permitted, 0b1111. */
    ANY(0xF);

    private static final Gpi[] BY_VALUE = new Gpi[16];

    static {
        for (Gpi g : values()) {
            BY_VALUE[g.value] = g;
        }
    }

    private final int value;

    Gpi(int value) {
        this.value = value;
    }

    /** The 4-bit encoding. */
    public int value() {
        return value;
    }

    /** The GPI, or null for a reserved encoding. */
    public static Gpi fromValue(int value) {
        return value < 0 || value > 15 ? null : BY_VALUE[value];
    }

    /** Whether {@code value} is one of the GPI encodings this model implements (no FEAT_RME_GPC2/GDI). */
    public static boolean isValid(int value) {
        return fromValue(value) != null;
    }

    /** The single-PAS GPI that gives access to {@code pas} only. */
    public static Gpi of(Pas pas) {
        switch (pas) {
            case SECURE: return SECURE;
            case NON_SECURE: return NON_SECURE;
            case ROOT: return ROOT;
            default: return REALM;
        }
    }

    /** The architectural check: ANY permits all; a single-PAS GPI permits the PAS in its low two bits. */
    public static boolean permits(int gpi, Pas pas) {
        return gpi == 0xF || ((gpi & 0b1000) != 0 && (gpi & 0b11) == pas.encoding());
    }
}
