package org.micasim.simulator.s2;

import org.micasim.simulator.gpt.GpcFault;
import org.micasim.simulator.memory.Pas;

/**
 * Where and why a translated access failed, filled in by the walker or the access path (one reusable
 * record per vCPU, so the fault-free path never allocates). {@link #gpcException} is set when the fault
 * is reported to EL3 as a GPC exception (EC 0x1E) rather than as an abort to EL2.
 */
public final class AccessFault {
    /** DFSC/IFSC of the abort. */
    public int fsc;
    /** The level for level-dependent codes. */
    public int level;
    /** The PA whose access failed (the descriptor for walk faults, the output for others). */
    public long pa;
    /** The PAS of that access. */
    public Pas pas;
    /** True if this is a GPC exception to EL3. */
    public boolean gpcException;
    /** For a GPC exception: the GPC fault kind. */
    public GpcFault gpcFault;
    /** For a GPC exception: the GPT level. */
    public int gpcLevel;
    /** True if the failed access was a stage-2 table walk access. */
    public boolean onWalk;

    /** Records an abort to EL2 with {@code fsc}. */
    public void abort(int fsc, int level, long pa, Pas pas, boolean onWalk) {
        this.fsc = fsc;
        this.level = level;
        this.pa = pa;
        this.pas = pas;
        this.onWalk = onWalk;
        this.gpcException = false;
        this.gpcFault = null;
    }

    /** Records a GPC exception to EL3. */
    public void gpc(GpcFault kind, int gptLevel, long pa, Pas pas, boolean onWalk) {
        this.gpcException = true;
        this.gpcFault = kind;
        this.gpcLevel = gptLevel;
        this.pa = pa;
        this.pas = pas;
        this.onWalk = onWalk;
        this.fsc = onWalk ? FaultStatus.GPCF_ON_WALK : FaultStatus.GPCF;
    }

    @Override
    public String toString() {
        if (gpcException) {
            return String.format("GPC exception %s (GPT level %d) at PA 0x%x in %s%s", gpcFault, gpcLevel, pa, pas,
                    onWalk ? " during a stage-2 walk" : "");
        }
        return String.format("abort FSC 0x%02x level %d at PA 0x%x in %s%s", fsc, level, pa, pas,
                onWalk ? " during a stage-2 walk" : "");
    }
}
