package org.micasim.simulator.gpt;

/**
 * The four outcomes of a failed granule protection check (Arm ARM DDI0487 §D9.4 GPC faults), with the
 * base of their GPCSC code in the GPC exception syndrome (ESR_EL3.ISS[19:14]; the low two bits carry
 * the GPT level).
 */
public enum GpcFault {
    /** GPT address-size fault: the PA or the GPT base is beyond the protected PA size. GPCSC 0b0000LL. */
    ADDRESS_SIZE(0b000000),
    /** GPT walk fault: a bad configuration, descriptor or reserved GPI. GPCSC 0b0001LL. */
    WALK(0b000100),
    /** Granule protection fault: the GPI does not permit the access's PAS. GPCSC 0b0011LL. */
    GRANULE_PROTECTION(0b001100),
    /** Synchronous external abort on a GPT fetch. GPCSC 0b0101LL. */
    EXTERNAL_ABORT(0b010100);

    private static final GpcFault[] VALUES = values();

    private final int gpcscBase;

    GpcFault(int gpcscBase) {
        this.gpcscBase = gpcscBase;
    }

    /** GPCSC for a fault of this kind found at GPT {@code level}. */
    public int gpcsc(int level) {
        return gpcscBase | level;
    }

    /** Result code of {@link GranuleProtectionCheck#check}: never 0, so 0 can mean "passed". */
    public int code(int level) {
        return 0x100 | (ordinal() << 4) | level;
    }

    /** The fault kind of a non-zero check result. */
    public static GpcFault ofCode(int code) {
        return VALUES[(code >>> 4) & 0xF];
    }

    /** The GPT level of a non-zero check result. */
    public static int levelOfCode(int code) {
        return code & 0xF;
    }
}
