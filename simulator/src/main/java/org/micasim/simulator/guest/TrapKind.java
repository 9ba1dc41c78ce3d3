package org.micasim.simulator.guest;

/**
 * Why a realm vCPU stopped running at EL1 and entered R-EL2, with the ESR_EL2 exception class where the
 * exception has one (Arm ARM DDI0487 §D19.2.47 ESR_EL2.EC).
 */
public enum TrapKind {
    /** SMC instruction executed in AArch64 state, EC 0x17. */
    SMC(0x17),
    /** HVC instruction executed in AArch64 state, EC 0x16. */
    HVC(0x16),
    /** Data abort from a lower exception level, EC 0x24. */
    DATA_ABORT(0x24),
    /** Instruction abort from a lower exception level, EC 0x20. */
    INSTRUCTION_ABORT(0x20),
    /** WFI or WFE, EC 0x01. */
    WFX(0x01),
    /** SError interrupt, EC 0x2F. */
    SERROR(0x2F),
    /** A physical IRQ taken to EL2 (no syndrome). */
    IRQ(-1),
    /** A physical FIQ taken to EL2 (no syndrome). */
    FIQ(-1);

    private final int exceptionClass;

    TrapKind(int exceptionClass) {
        this.exceptionClass = exceptionClass;
    }

    /** ESR_EL2.EC, or -1 for an interrupt, which has no syndrome. */
    public int exceptionClass() {
        return exceptionClass;
    }
}
