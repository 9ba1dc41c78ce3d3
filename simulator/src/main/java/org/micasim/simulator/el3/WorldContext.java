package org.micasim.simulator.el3;

import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;

/**
 * One world's saved PE state at EL3, as TF-A's context management keeps it per security state: X0-X30,
 * the EL2 system registers and that world's SCR_EL3.
 */
final class WorldContext {
    /** The registers a world switch moves (the EL2 state and SCR_EL3). */
    static final SysReg[] BANKED = {SysReg.SCR_EL3, SysReg.HCR_EL2, SysReg.VTTBR_EL2, SysReg.VTCR_EL2,
        SysReg.ESR_EL2, SysReg.FAR_EL2, SysReg.HPFAR_EL2, SysReg.ELR_EL2, SysReg.SPSR_EL2};
    /** Their ordinals, for the bulk copies a world switch makes. */
    private static final int[] BANKED_ORDINALS = java.util.Arrays.stream(BANKED).mapToInt(SysReg::ordinal).toArray();

    final long[] x = new long[31];
    final long[] sys = new long[BANKED.length];

    WorldContext(long scr) {
        sys[0] = scr;
    }

    /** Saves the PE's EL2 system registers (the GP registers are saved on every SMC entry). */
    void saveSys(ProcessingElement pe) {
        pe.copySys(BANKED_ORDINALS, sys);
    }

    void restoreSys(ProcessingElement pe) {
        pe.loadSys(BANKED_ORDINALS, sys);
    }
}
