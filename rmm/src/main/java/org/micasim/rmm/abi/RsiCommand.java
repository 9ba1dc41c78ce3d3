package org.micasim.rmm.abi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every function a realm may call by SMC and the RMM handles: the ten RSI 1.0 commands, the Mica RSI
 * extensions, and the PSCI and SMCCC functions a realm uses (the RMM either answers them or forwards
 * them to the host as a PSCI exit).
 *
 * @spec Arm DEN0137 1.0-rel0 §B5.3 (RSI commands), §B6 (PSCI in realms); Arm DEN0022 PSCI 1.1 §5
 *     (function IDs); Mica RSI extensions per mica.md §3
 */
public enum RsiCommand {
    /** §B5.3.10 RSI_VERSION. */
    RSI_VERSION(0xC400_0190L),
    /** §B5.3.3 RSI_FEATURES. */
    RSI_FEATURES(0xC400_0191L),
    /** §B5.3.8 RSI_MEASUREMENT_READ. */
    RSI_MEASUREMENT_READ(0xC400_0192L),
    /** §B5.3.7 RSI_MEASUREMENT_EXTEND. */
    RSI_MEASUREMENT_EXTEND(0xC400_0193L),
    /** §B5.3.2 RSI_ATTESTATION_TOKEN_INIT. */
    RSI_ATTESTATION_TOKEN_INIT(0xC400_0194L),
    /** §B5.3.1 RSI_ATTESTATION_TOKEN_CONTINUE. */
    RSI_ATTESTATION_TOKEN_CONTINUE(0xC400_0195L),
    /** §B5.3.9 RSI_REALM_CONFIG. */
    RSI_REALM_CONFIG(0xC400_0196L),
    /** §B5.3.6 RSI_IPA_STATE_SET. */
    RSI_IPA_STATE_SET(0xC400_0197L),
    /** §B5.3.5 RSI_IPA_STATE_GET. */
    RSI_IPA_STATE_GET(0xC400_0198L),
    /** §B5.3.4 RSI_HOST_CALL. */
    RSI_HOST_CALL(0xC400_0199L),
    /** Mica: upload the realm's binary policy (once per realm lifetime). */
    RSI_UPLOAD_POLICY(0xC400_01B0L),
    /** Mica: start a group attestation. */
    RSI_ATTEST_TOKEN_INIT_GROUP(0xC400_01B1L),
    /** Mica: stream a group attestation token and the members' policies. */
    RSI_ATTEST_TOKEN_CONTINUE_GROUP(0xC400_01B2L),
    /** SMCCC_VERSION (answered by the RMM: 1.2). */
    SMCCC_VERSION(0x8000_0000L),
    /** PSCI_VERSION (answered by the RMM: 1.1). */
    PSCI_VERSION(0x8400_0000L),
    /** PSCI_CPU_SUSPEND, SMC32. */
    PSCI_CPU_SUSPEND_32(0x8400_0001L),
    /** PSCI_CPU_SUSPEND, SMC64. */
    PSCI_CPU_SUSPEND_64(0xC400_0001L),
    /** PSCI_CPU_OFF. */
    PSCI_CPU_OFF(0x8400_0002L),
    /** PSCI_CPU_ON, SMC32. */
    PSCI_CPU_ON_32(0x8400_0003L),
    /** PSCI_CPU_ON, SMC64. */
    PSCI_CPU_ON_64(0xC400_0003L),
    /** PSCI_AFFINITY_INFO, SMC32. */
    PSCI_AFFINITY_INFO_32(0x8400_0004L),
    /** PSCI_AFFINITY_INFO, SMC64. */
    PSCI_AFFINITY_INFO_64(0xC400_0004L),
    /** PSCI_SYSTEM_OFF. */
    PSCI_SYSTEM_OFF(0x8400_0008L),
    /** PSCI_SYSTEM_RESET. */
    PSCI_SYSTEM_RESET(0x8400_0009L),
    /** PSCI_FEATURES. */
    PSCI_FEATURES(0x8400_000AL);

    private static final Map<Long, RsiCommand> BY_FID;
    private static final Map<String, RsiCommand> BY_NAME;

    static {
        Map<Long, RsiCommand> byFid = new LinkedHashMap<>();
        Map<String, RsiCommand> byName = new LinkedHashMap<>();
        for (RsiCommand c : values()) {
            byFid.put(c.fid, c);
            byName.put(c.name(), c);
        }
        BY_FID = Collections.unmodifiableMap(byFid);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final long fid;

    RsiCommand(long fid) {
        this.fid = fid;
    }

    /** The SMC function ID (X0 on entry). */
    public long fid() {
        return fid;
    }

    /** True for PSCI and SMCCC functions (not RSI proper). */
    public boolean isPsci() {
        return name().startsWith("PSCI_") || this == SMCCC_VERSION;
    }

    /** True for the Mica RSI extensions. */
    public boolean isMicaExtension() {
        return fid >= 0xC400_01B0L && fid <= 0xC400_01B2L;
    }

    /** The function with this FID; the SVE hint (bit 16) is ignored. */
    public static Optional<RsiCommand> byFid(long fid) {
        return Optional.ofNullable(BY_FID.get(fid & ~SmcFid.SVE_HINT));
    }

    /** The function with this name, e.g. {@code RSI_HOST_CALL} or {@code PSCI_SYSTEM_OFF}. */
    public static Optional<RsiCommand> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
