package org.micasim.rmm;

import java.util.List;
import org.micasim.rmm.granule.DramBank;

/**
 * What the RMM is told about its platform at boot (TF-RMM learns it from the EL3 boot manifest and the
 * ID registers) and which extensions it runs with.
 *
 * @param dram         DRAM banks whose granules the host may delegate (PaIsDelegable)
 * @param maxIpaWidth  RmiFeatureRegister0.S2SZ: largest IPA width (32..48; no LPA2)
 * @param vmidBits     8 or 16 (FEAT_VMID16)
 * @param numBps       RmiFeatureRegister0.NUM_BPS: breakpoints available minus one
 * @param numWps       RmiFeatureRegister0.NUM_WPS: watchpoints available minus one
 * @param pmuNumCtrs   RmiFeatureRegister0.PMU_NUM_CTRS (PMU_EN is always reported)
 * @param extensions   extensions installed at boot, in order (Mica)
 */
public record RmmConfig(List<DramBank> dram, int maxIpaWidth, int vmidBits, int numBps, int numWps,
                        int pmuNumCtrs, List<RmmExtension> extensions) {
    public RmmConfig {
        dram = List.copyOf(dram);
        extensions = List.copyOf(extensions);
        if (maxIpaWidth < 32 || maxIpaWidth > 48) {
            throw new IllegalArgumentException("maxIpaWidth must be 32..48, got " + maxIpaWidth);
        }
        if (vmidBits != 8 && vmidBits != 16) {
            throw new IllegalArgumentException("vmidBits must be 8 or 16, got " + vmidBits);
        }
    }

    /** TF-RMM fake-host-like defaults: 48-bit IPA, 16-bit VMIDs, 2 BPs/WPs, 31 PMU counters. */
    public static RmmConfig defaults(List<DramBank> dram) {
        return new RmmConfig(dram, 48, 16, 1, 1, 31, List.of());
    }

    /** A copy with {@code extension} appended. */
    public RmmConfig withExtension(RmmExtension extension) {
        List<RmmExtension> l = new java.util.ArrayList<>(extensions);
        l.add(extension);
        return new RmmConfig(dram, maxIpaWidth, vmidBits, numBps, numWps, pmuNumCtrs, l);
    }
}
