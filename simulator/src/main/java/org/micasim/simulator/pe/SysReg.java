package org.micasim.simulator.pe;

/**
 * The system registers the model keeps per PE (Arm ARM DDI0487 §D19). EL2 registers are banked between
 * worlds by EL3's context switch (the RMMD saves and restores them), so each PE holds the current
 * world's copy; GPCCR_EL3 and GPTBR_EL3 are in {@link org.micasim.simulator.gpt.GptRegisters}.
 */
public enum SysReg {
    /** Secure configuration register: NS [0], GPF [48], NSE [62]. */
    SCR_EL3,
    /** Exception link register at EL3: return address of the SMC. */
    ELR_EL3,
    /** Saved program status at EL3 (M[3:0] = EL and SP of the caller). */
    SPSR_EL3,
    /** Exception syndrome at EL3 (GPC exceptions, EC 0x1E). */
    ESR_EL3,
    /** Fault address at EL3. */
    FAR_EL3,
    /** Physical fault address at EL3 for GPC exceptions: PA [51:12], NSE [62], NS [63]. */
    MFAR_EL3,
    /** Hypervisor configuration: VM [0], TSC [19], GPF [48]. */
    HCR_EL2,
    /** Stage-2 translation table base: BADDR [47:1], VMID [63:48]. */
    VTTBR_EL2,
    /** Stage-2 translation control: T0SZ [5:0], SL0 [7:6], TG0 [15:14], PS [18:16]. */
    VTCR_EL2,
    /** Exception syndrome at EL2. */
    ESR_EL2,
    /** Fault virtual address at EL2. */
    FAR_EL2,
    /** Faulting IPA [51:12] in bits [43:4], NS [63]. */
    HPFAR_EL2,
    /** Exception link register at EL2. */
    ELR_EL2,
    /** Saved program status at EL2. */
    SPSR_EL2;

    /** SCR_EL3.NS. */
    public static final long SCR_NS = 1L;
    /** SCR_EL3.GPF: report granule protection faults to EL3. */
    public static final long SCR_GPF = 1L << 48;
    /** SCR_EL3.NSE (FEAT_RME). */
    public static final long SCR_NSE = 1L << 62;
    /** HCR_EL2.VM: stage 2 enabled. */
    public static final long HCR_VM = 1L;
    /** HCR_EL2.TWI: trap WFI from EL1/EL0 to EL2 (DDI0487 §D19.2.48). */
    public static final long HCR_TWI = 1L << 13;
    /** HCR_EL2.TWE: trap WFE from EL1/EL0 to EL2 (DDI0487 §D19.2.48). */
    public static final long HCR_TWE = 1L << 14;
    /** HCR_EL2.TSC: trap SMC from EL1 to EL2. */
    public static final long HCR_TSC = 1L << 19;
    /** HCR_EL2.GPF: route GPFs from EL1/EL0 to EL2. */
    public static final long HCR_GPF = 1L << 48;
}
