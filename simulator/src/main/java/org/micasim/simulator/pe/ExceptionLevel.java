package org.micasim.simulator.pe;

/** AArch64 exception levels (Arm ARM DDI0487 §D1.1). */
public enum ExceptionLevel {
    EL0, EL1, EL2, EL3
}
