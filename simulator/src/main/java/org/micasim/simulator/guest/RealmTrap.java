package org.micasim.simulator.guest;

/**
 * A realm vCPU's exception to R-EL2 with its syndrome registers: ESR_EL2, FAR_EL2 and HPFAR_EL2 (the
 * latter two meaningful for aborts).
 */
public record RealmTrap(TrapKind kind, long esr, long far, long hpfar) {
}
