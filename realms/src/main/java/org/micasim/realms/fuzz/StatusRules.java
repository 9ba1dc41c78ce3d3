package org.micasim.realms.fuzz;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;
import org.micasim.rmm.abi.SmcFid;

/** Which X0 values are defined outcomes of an RMI call: the statuses (and indexes) its command may return. */
final class StatusRules {
    private StatusRules() {
    }

    /** The end of the SMCCC range reserved for RMI (DEN0137 §B4.1). */
    private static final long RMI_RANGE_LAST = 0xC400_018FL;

    private static final Set<RmiStatus> I = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT);
    private static final Set<RmiStatus> IR = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM);
    private static final Set<RmiStatus> IC = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REC);
    private static final Set<RmiStatus> IT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> IRT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM, RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> IRC = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM, RmiStatus.RMI_ERROR_REC);
    private static final Set<RmiStatus> ICT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REC, RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> ANY = Set.of(RmiStatus.values());

    /**
     * The statuses each RMI 1.0 command may return (DEN0137 1.0-rel0 failure conditions, rmm.md §3); the
     * Mica commands and those Mica changes may return any RMI status.
     */
    private static final Map<RmiCommand, Set<RmiStatus>> ALLOWED = Map.ofEntries(
        Map.entry(RmiCommand.RMI_VERSION, I),
        Map.entry(RmiCommand.RMI_FEATURES, Set.of(RmiStatus.RMI_SUCCESS)),
        Map.entry(RmiCommand.RMI_GRANULE_DELEGATE, I),
        Map.entry(RmiCommand.RMI_GRANULE_UNDELEGATE, I),
        Map.entry(RmiCommand.RMI_DATA_CREATE, IRT),
        Map.entry(RmiCommand.RMI_DATA_CREATE_UNKNOWN, IT),
        Map.entry(RmiCommand.RMI_DATA_DESTROY, IT),
        Map.entry(RmiCommand.RMI_REALM_ACTIVATE, ANY),
        Map.entry(RmiCommand.RMI_REALM_CREATE, ANY),
        Map.entry(RmiCommand.RMI_REALM_DESTROY, ANY),
        Map.entry(RmiCommand.RMI_REC_AUX_COUNT, I),
        Map.entry(RmiCommand.RMI_REC_CREATE, IR),
        Map.entry(RmiCommand.RMI_REC_DESTROY, IC),
        Map.entry(RmiCommand.RMI_REC_ENTER, IRC),
        Map.entry(RmiCommand.RMI_RTT_CREATE, IT),
        Map.entry(RmiCommand.RMI_RTT_DESTROY, IT),
        Map.entry(RmiCommand.RMI_RTT_FOLD, IT),
        Map.entry(RmiCommand.RMI_RTT_READ_ENTRY, I),
        Map.entry(RmiCommand.RMI_RTT_MAP_UNPROTECTED, ANY),
        Map.entry(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, IT),
        Map.entry(RmiCommand.RMI_PSCI_COMPLETE, IC),
        Map.entry(RmiCommand.RMI_RTT_INIT_RIPAS, IRT),
        Map.entry(RmiCommand.RMI_RTT_SET_RIPAS, ICT));

    /** Empty when {@code x0} is a status {@code fid} may return; otherwise why not. */
    static Optional<String> undefined(RmmState rmm, long fid, long x0) {
        long f = fid & ~SmcFid.SVE_HINT;
        if (f < RmiCommand.RMI_FID_FIRST || f > RMI_RANGE_LAST) {
            return Optional.empty(); // not an RMI FID: EL3 (PSCI, the GTSI) answers it, not the RMM
        }
        Optional<RmiCommand> c = RmiCommand.byFid(fid);
        boolean registered = rmm.rmi().commands().containsKey(fid & ~SmcFid.SVE_HINT);
        if (!registered) {
            return x0 == SmcFid.SMC_NOT_SUPPORTED ? Optional.empty()
                : Optional.of(String.format("0x%x for a FID with no RMI handler (expected SMC_NOT_SUPPORTED)", x0));
        }
        Optional<RmiReturn> ret = RmiReturn.unpack(x0);
        if (ret.isEmpty()) {
            return Optional.of(String.format("0x%x, not an RMI status", x0));
        }
        RmiStatus st = ret.get().status();
        int index = ret.get().index();
        Set<RmiStatus> allowed = c.map(cmd -> ALLOWED.getOrDefault(cmd, ANY)).orElse(ANY);
        if (!allowed.contains(st)) {
            return Optional.of(ret.get() + ", which " + c.map(Enum::name).orElse("this command")
                + " never returns");
        }
        boolean indexOk = switch (st) {
            case RMI_ERROR_RTT -> index <= 3 || index == 0xFF;
            case RMI_ERROR_REALM -> c.map(RmiCommand::isMicaExtension).orElse(true) || index <= 1;
            default -> index == 0;
        };
        return indexOk ? Optional.empty() : Optional.of(ret.get() + ", an index the status cannot carry");
    }

}
