package org.micasim.simulator.tlb;

/**
 * One cached stage-2 translation, as shown for inspection.
 *
 * @param pasEncoding the output PAS as its {NSE,NS} encoding ({@link org.micasim.simulator.memory.Pas})
 * @param level       level of the leaf descriptor the entry came from (1 = 1 GiB, 2 = 2 MiB, 3 = 4 KiB)
 */
public record TlbEntry(int vmid, boolean realm, long ipaPage, long paPage, int pasEncoding, int level,
                       boolean readable, boolean writable) {
}
