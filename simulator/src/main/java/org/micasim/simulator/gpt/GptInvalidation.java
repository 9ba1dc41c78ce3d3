package org.micasim.simulator.gpt;

/**
 * The TLBI operations on cached GPT information that EL3 issues (Arm ARM DDI0487 §D8.14; EL3 only):
 * PAALL (this PE), PAALLOS (all PEs), RPALOS (range, last level, all PEs), RPAOS (range, all levels,
 * all PEs). The machine implements them over the PEs' {@link GptCache}s and reports their cost.
 */
public interface GptInvalidation {
    /** TLBI PAALL on PE {@code pe}. */
    void paall(int pe);

    /** TLBI PAALLOS. */
    void paallos();

    /** TLBI RPALOS with {@code operand} (see {@link TlbiPaOperand}). */
    void rpalos(long operand);

    /** TLBI RPAOS with {@code operand} (see {@link TlbiPaOperand}). */
    void rpaos(long operand);
}
