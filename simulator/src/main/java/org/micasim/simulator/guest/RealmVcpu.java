package org.micasim.simulator.guest;

/**
 * A realm virtual CPU at R-EL1 as R-EL2 firmware drives it: registers the firmware can read and write,
 * a stage-2 context, and {@link #run()} which executes the guest until it traps to EL2. The guest's
 * loads and stores go through the TLB, stage-2 translation and the granule protection check.
 */
public interface RealmVcpu extends AutoCloseable {
    /** Reads X{@code n}, 0 &lt;= n &lt;= 30. */
    long x(int n);

    /** Writes X{@code n}, 0 &lt;= n &lt;= 30. */
    void setX(int n, long value);

    /** ELR: where the vCPU resumes. */
    long pc();

    /** Sets where the vCPU resumes; advancing it by 4 past a trapping instruction completes it. */
    void setPc(long pc);

    /** Installs the stage-2 context used by the next {@link #run()}: VTTBR_EL2 (with VMID) and VTCR_EL2. */
    void setStage2(long vttbr, long vtcr);

    /**
     * Makes the instruction that trapped take a synchronous external abort at R-EL1 when the vCPU next
     * runs: the RMM's answer to a realm access to a protected IPA with RIPAS EMPTY, to an instruction fetch
     * from an unprotected IPA, or to an IPA outside the realm's IPA space (DEN0137 1.0-rel0 §A5.2.9), and to
     * the host's enter.flags.inject_sea.
     */
    default void injectSyncExternalAbort() {
        throw new UnsupportedOperationException("this vCPU cannot take an injected external abort");
    }

    /**
     * Makes the instruction that trapped take an Undefined Instruction exception at R-EL1 when the vCPU
     * next runs: how the RMM answers a realm HVC (TF-RMM injects UNDEF).
     */
    default void injectUndefined() {
        throw new UnsupportedOperationException("this vCPU cannot take an injected Undefined Instruction");
    }

    /**
     * Sets HCR_EL2.TWI and HCR_EL2.TWE as R-EL2 programs them for the next {@link #run()}: a trapped WFI/WFE
     * traps to R-EL2 with EC 0x01; an untrapped one makes the vCPU sleep until the host timer's IRQ.
     */
    default void setWfxTraps(boolean wfi, boolean wfe) {
        throw new UnsupportedOperationException("this vCPU cannot change its WFI/WFE traps");
    }

    /** Enters the vCPU at R-EL1 and runs it until it traps to R-EL2. */
    RealmTrap run();

    /** Releases the vCPU (REC_DESTROY); the guest program does not run again. */
    @Override
    void close();
}
