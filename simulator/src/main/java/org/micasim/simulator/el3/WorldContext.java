package org.micasim.simulator.el3;

import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;

/**
 * One world's saved PE state at EL3, as TF-A's context management keeps it per security state: X0-X30,
 * the EL2 system registers and that world's SCR_EL3.
 */
final class WorldContext {
    /** The registers a world switch moves (the EL2 state and SCR_EL3). */
    static final SysReg[] BANKED = ProcessingElement.WORLD_BANKED;

    final long[] x = new long[31];
    /** This world's banked registers; the PE works on them in place while the world is current. */
    final long[] sys = new long[BANKED.length];

    WorldContext(long scr) {
        sys[0] = scr;
    }

    /** Makes this world's banked registers the PE's (the previous world's stay in its own context). */
    void restoreSys(ProcessingElement pe) {
        pe.useBank(sys);
    }
}
