package org.micasim.simulator.gpt;

/**
 * GPCCR_EL3 and GPTBR_EL3. Architecturally each PE has its own copy; TF-A programs the same values on
 * every PE (gpt_enable on each cold and warm boot), so the model keeps one copy for the machine. Writes
 * are published to all PEs (volatile) and are only made by EL3 under the GPT lock.
 */
public final class GptRegisters {
    /** GPTBR_EL3.BADDR [39:0] holds PA[51:12] of the level-0 table. */
    public static final long GPTBR_BADDR_MASK = 0xFF_FFFF_FFFFL;

    private volatile long gpccr;
    private volatile long gptbr;
    private volatile Gpccr decoded = Gpccr.decode(0);
    private volatile boolean enabled;

    public long gpccr() {
        return gpccr;
    }

    public long gptbr() {
        return gptbr;
    }

    /** GPCCR_EL3 decoded (cached). */
    public Gpccr config() {
        return decoded;
    }

    /** MSR GPCCR_EL3. L0GPTSZ is read-only: the value keeps {@code l0gptsz}. */
    public void writeGpccr(long value, int l0gptsz) {
        long v = (value & ~(0xFL << 20)) | ((long) (l0gptsz & 0xF) << 20);
        this.decoded = Gpccr.decode(v);
        this.gpccr = v;
        this.enabled = decoded.gpc();
    }

    /** GPCCR_EL3.GPC. */
    public boolean enabled() {
        return enabled;
    }

    /** MSR GPTBR_EL3. */
    public void writeGptbr(long value) {
        this.gptbr = value;
    }

    /** The PA of the level-0 table. */
    public long l0Base() {
        return (gptbr & GPTBR_BADDR_MASK) << 12;
    }
}
