package org.micasim.rmm.abi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every RMI command a Non-secure host can call by SMC, with its SMC64 function ID and the number of
 * argument (X1..) and result (X1..) registers it uses.
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.3 (RMI commands); FIDs as in TF-RMM {@code smc-rmi.h}; Mica commands
 *     from the Mica RMM snapshot (mica.md §3).
 */
public enum RmiCommand {
    /** §B4.3.23: negotiate the interface version. */
    RMI_VERSION(0xC400_0150L, 1, 2),
    /** §B4.3.5: delegate a granule to the Realm PAS. */
    RMI_GRANULE_DELEGATE(0xC400_0151L, 1, 0),
    /** §B4.3.6: return a delegated granule to the Non-secure PAS. */
    RMI_GRANULE_UNDELEGATE(0xC400_0152L, 1, 0),
    /** §B4.3.1: create a DATA granule from Non-secure contents. */
    RMI_DATA_CREATE(0xC400_0153L, 5, 0),
    /** §B4.3.2: create a DATA granule with unknown contents. */
    RMI_DATA_CREATE_UNKNOWN(0xC400_0154L, 3, 0),
    /** §B4.3.3: destroy a DATA granule. */
    RMI_DATA_DESTROY(0xC400_0155L, 2, 2),
    /** §B4.3.8: activate a realm. */
    RMI_REALM_ACTIVATE(0xC400_0157L, 1, 0),
    /** §B4.3.9: create a realm. */
    RMI_REALM_CREATE(0xC400_0158L, 2, 0),
    /** §B4.3.10: destroy a realm. */
    RMI_REALM_DESTROY(0xC400_0159L, 1, 0),
    /** §B4.3.12: create a REC. */
    RMI_REC_CREATE(0xC400_015AL, 3, 0),
    /** §B4.3.13: destroy a REC. */
    RMI_REC_DESTROY(0xC400_015BL, 1, 0),
    /** §B4.3.14: enter a REC. */
    RMI_REC_ENTER(0xC400_015CL, 2, 0),
    /** §B4.3.15: create an RTT. */
    RMI_RTT_CREATE(0xC400_015DL, 4, 0),
    /** §B4.3.16: destroy an RTT. */
    RMI_RTT_DESTROY(0xC400_015EL, 3, 2),
    /** §B4.3.19: map an unprotected IPA to Non-secure memory. */
    RMI_RTT_MAP_UNPROTECTED(0xC400_015FL, 4, 0),
    /** §B4.3.20: read an RTT entry. */
    RMI_RTT_READ_ENTRY(0xC400_0161L, 3, 4),
    /** §B4.3.22: unmap an unprotected IPA. */
    RMI_RTT_UNMAP_UNPROTECTED(0xC400_0162L, 3, 1),
    /** §B4.3.7: complete a PSCI request made by a REC. */
    RMI_PSCI_COMPLETE(0xC400_0164L, 3, 0),
    /** §B4.3.4: read a feature register. */
    RMI_FEATURES(0xC400_0165L, 1, 1),
    /** §B4.3.17: fold an RTT into its parent entry. */
    RMI_RTT_FOLD(0xC400_0166L, 3, 1),
    /** §B4.3.11: number of auxiliary granules a REC needs. */
    RMI_REC_AUX_COUNT(0xC400_0167L, 1, 1),
    /** §B4.3.18: set RIPAS RAM over a range of a NEW realm. */
    RMI_RTT_INIT_RIPAS(0xC400_0168L, 3, 1),
    /** §B4.3.21: complete a realm-initiated RIPAS change. */
    RMI_RTT_SET_RIPAS(0xC400_0169L, 4, 1),
    /** Mica: map a shared protected granule (see docs/mica.md). */
    RMI_DATA_CREATE_UNKNOWN_SHARED(0xC400_016AL, 3, 0),
    /** Mica: register a realm's policy descriptor granule. */
    RMI_REALM_PD(0xC400_016DL, 2, 0),
    /** Mica: register a shared-granule-table backing granule. */
    RMI_SGT(0xC400_016EL, 1, 0),
    /** Mica: register a realm's dummy page for prefaulted shared mappings. */
    RMI_REALM_DUMMY_PAGE(0xC400_016FL, 2, 0);

    /** First FID of the RMI range (§B4.3, SMC64 fast call, standard service, fnum 0x150). */
    public static final long RMI_FID_FIRST = 0xC400_0150L;
    /** Last FID of the RMI range this RMM dispatches (Mica extends 1.0's 0x169 up to 0x16F). */
    public static final long RMI_FID_LAST = 0xC400_016FL;

    private static final Map<Long, RmiCommand> BY_FID;
    private static final Map<String, RmiCommand> BY_NAME;

    static {
        Map<Long, RmiCommand> byFid = new LinkedHashMap<>();
        Map<String, RmiCommand> byName = new LinkedHashMap<>();
        for (RmiCommand c : values()) {
            byFid.put(c.fid, c);
            byName.put(c.name(), c);
        }
        BY_FID = Collections.unmodifiableMap(byFid);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final long fid;
    private final int argumentCount;
    private final int resultCount;

    RmiCommand(long fid, int argumentCount, int resultCount) {
        this.fid = fid;
        this.argumentCount = argumentCount;
        this.resultCount = resultCount;
    }

    /** The SMC function ID (X0 on entry). */
    public long fid() {
        return fid;
    }

    /** How many argument registers (X1..Xn) the command reads. */
    public int argumentCount() {
        return argumentCount;
    }

    /** How many result registers (X1..Xn) the command writes besides the status in X0. */
    public int resultCount() {
        return resultCount;
    }

    /** True for the commands that are Mica extensions rather than RMM 1.0 commands. */
    public boolean isMicaExtension() {
        return fid >= 0xC400_016AL;
    }

    /** The command with this FID; the SVE hint (bit 16, SMCCC 1.3) is ignored as TF-RMM does. */
    public static Optional<RmiCommand> byFid(long fid) {
        return Optional.ofNullable(BY_FID.get(fid & ~SmcFid.SVE_HINT));
    }

    /** The command with this spec name, e.g. {@code RMI_GRANULE_DELEGATE}. */
    public static Optional<RmiCommand> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
