package org.micasim.simulator.trace;

/** What a trace record reports. */
public enum TraceKind {
    /** An SMC taken to EL3 (fields: caller EL/world, FID). */
    SMC_CALL,
    /** EL3 returning from an SMC (fields: X0). */
    SMC_RETURN,
    /** EL3 switching a PE between worlds. */
    WORLD_SWITCH,
    /** Entry into or exit from a realm vCPU at R-EL1. */
    REALM_ENTRY,
    /** A realm vCPU trapping to R-EL2. */
    REALM_EXIT,
    /** A GPT entry changed (delegate / undelegate / shatter / fuse). */
    GPT_CHANGE,
    /** A fault: stage 2, GPC, external abort. */
    FAULT,
    /** A TLB or GPT-cache invalidation. */
    TLBI,
    /** Machine-level lifecycle (boot). */
    MACHINE
}
