package org.micasim.rmm.rsi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.GuestRealm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Every RSI command's failure conditions and effects, and the PSCI functions the RMM answers, as the
 * realm sees them (DEN0137 §B5.3, §B6): a guest program makes each call and records X0 (and outputs).
 * RAM granules are [0x1000, 0x20000), backed on first touch; 0x30000 has RIPAS EMPTY.
 */
class RsiSpecTest {
    private static final long U = RmmTestbed.UNPROTECTED;
    private static final long EMPTY_IPA = 0x30000;
    private static final long INPUT = 1;
    private static final long STATE = 2;
    private static final long INCOMPLETE = 3;

    static long call(GuestCpu cpu, RsiCommand c, long... args) {
        return cpu.smc(c.fid(), args)[0];
    }

    static void probe(GuestCpu cpu, Map<String, Long> seen) {
        long[] v = cpu.smc(RsiCommand.RSI_VERSION.fid(), 0x20000);
        seen.put("VERSION(2.0) status", v[0]);
        seen.put("VERSION lower", v[1]);
        seen.put("VERSION higher", v[2]);
        seen.put("VERSION(1.0)", call(cpu, RsiCommand.RSI_VERSION, 0x10000));
        seen.put("FEATURES(0) value", cpu.smc(RsiCommand.RSI_FEATURES.fid(), 0)[1]);
        seen.put("MEASUREMENT_READ index 5", call(cpu, RsiCommand.RSI_MEASUREMENT_READ, 5));
        seen.put("MEASUREMENT_EXTEND index 0", call(cpu, RsiCommand.RSI_MEASUREMENT_EXTEND, 0, 8, 1));
        seen.put("MEASUREMENT_EXTEND index 5", call(cpu, RsiCommand.RSI_MEASUREMENT_EXTEND, 5, 8, 1));
        seen.put("MEASUREMENT_EXTEND size 65", call(cpu, RsiCommand.RSI_MEASUREMENT_EXTEND, 1, 65, 1));
        seen.put("MEASUREMENT_EXTEND ok", call(cpu, RsiCommand.RSI_MEASUREMENT_EXTEND, 4, 64, 1));
        seen.put("TOKEN_CONTINUE before INIT", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 0, 64));
        seen.put("TOKEN_INIT", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_INIT, 1, 2, 3, 4, 5, 6));
        seen.put("TOKEN_CONTINUE addr align", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8008, 0, 64));
        seen.put("TOKEN_CONTINUE unprotected", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, U, 0, 64));
        seen.put("TOKEN_CONTINUE offset 4096", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 4096, 0));
        seen.put("TOKEN_CONTINUE overflow", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 8, -4L));
        seen.put("TOKEN_CONTINUE beyond granule", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 4000, 200));
        seen.put("TOKEN_CONTINUE RIPAS EMPTY", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, EMPTY_IPA, 0, 64));
        seen.put("TOKEN_CONTINUE, machine without attestation root: UNKNOWN", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 0, 64));
        seen.put("TOKEN_CONTINUE after UNKNOWN: no token in progress", call(cpu, RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, 0x8000, 0, 64));
        seen.put("REALM_CONFIG align", call(cpu, RsiCommand.RSI_REALM_CONFIG, 0x9008));
        seen.put("REALM_CONFIG unprotected", call(cpu, RsiCommand.RSI_REALM_CONFIG, U));
        seen.put("REALM_CONFIG RIPAS EMPTY", call(cpu, RsiCommand.RSI_REALM_CONFIG, EMPTY_IPA));
        seen.put("REALM_CONFIG ok", call(cpu, RsiCommand.RSI_REALM_CONFIG, 0x9000));
        seen.put("REALM_CONFIG ipa_width", cpu.load64(0x9000));
        seen.put("REALM_CONFIG hash_algo", cpu.load64(0x9008));
        seen.put("IPA_STATE_SET base align", call(cpu, RsiCommand.RSI_IPA_STATE_SET, 0x10008, 0x12000, 0, 0));
        seen.put("IPA_STATE_SET top <= base", call(cpu, RsiCommand.RSI_IPA_STATE_SET, 0x12000, 0x12000, 0, 0));
        seen.put("IPA_STATE_SET unprotected", call(cpu, RsiCommand.RSI_IPA_STATE_SET, 0x10000, U + 0x1000, 0, 0));
        seen.put("IPA_STATE_SET ripas 2", call(cpu, RsiCommand.RSI_IPA_STATE_SET, 0x10000, 0x12000, 2, 0));
        seen.put("IPA_STATE_GET top align", call(cpu, RsiCommand.RSI_IPA_STATE_GET, 0x10000, 0x10008));
        seen.put("IPA_STATE_GET unprotected", call(cpu, RsiCommand.RSI_IPA_STATE_GET, U, U + 0x1000));
        long[] g = cpu.smc(RsiCommand.RSI_IPA_STATE_GET.fid(), 0x2000, 0x40000);
        seen.put("IPA_STATE_GET ok", g[0]);
        seen.put("IPA_STATE_GET out_top", g[1]);
        seen.put("IPA_STATE_GET ripas", g[2]);
        seen.put("HOST_CALL align", call(cpu, RsiCommand.RSI_HOST_CALL, 0x9010));
        seen.put("HOST_CALL unprotected", call(cpu, RsiCommand.RSI_HOST_CALL, U));
        seen.put("HOST_CALL RIPAS EMPTY", call(cpu, RsiCommand.RSI_HOST_CALL, EMPTY_IPA));
        seen.put("PSCI_VERSION", call(cpu, RsiCommand.PSCI_VERSION));
        seen.put("SMCCC_VERSION", call(cpu, RsiCommand.SMCCC_VERSION));
        seen.put("PSCI_FEATURES(CPU_ON)", call(cpu, RsiCommand.PSCI_FEATURES, RsiCommand.PSCI_CPU_ON_64.fid()));
        seen.put("PSCI_FEATURES(MIGRATE)", call(cpu, RsiCommand.PSCI_FEATURES, 0x8400_0005L));
        seen.put("unknown FID", cpu.smc(0xC400_01A0L)[0]);
        seen.put("CPU_ON unprotected entry", call(cpu, RsiCommand.PSCI_CPU_ON_64, 1, U, 0));
        seen.put("CPU_ON no such REC", call(cpu, RsiCommand.PSCI_CPU_ON_64, 5, 0, 0));
        seen.put("CPU_ON self", call(cpu, RsiCommand.PSCI_CPU_ON_64, 0, 0, 0));
        seen.put("AFFINITY_INFO level 1", call(cpu, RsiCommand.PSCI_AFFINITY_INFO_64, 1, 1));
        seen.put("AFFINITY_INFO self", call(cpu, RsiCommand.PSCI_AFFINITY_INFO_64, 0, 0));
    }

    @Test
    void rsiAndPsci_failureConditionsAndResults() {
        Map<String, Long> seen = new LinkedHashMap<>();
        GuestProgramRegistry programs = new GuestProgramRegistry().register("probe", () -> cpu -> probe(cpu, seen));
        try (RmmTestbed t = new RmmTestbed(programs)) {
            GuestRealm g = new GuestRealm(t, 1, "probe", 2);
            assertEquals(RmiRecExitReason.RMI_EXIT_PSCI, g.runUntil(0, RmiRecExitReason.RMI_EXIT_PSCI).exitReason());
            Map<String, Long> expected = new LinkedHashMap<>();
            expected.put("VERSION(2.0) status", INPUT);
            expected.put("VERSION lower", 0x10000L);
            expected.put("VERSION higher", 0x10000L);
            expected.put("VERSION(1.0)", 0L);
            expected.put("FEATURES(0) value", 0L);
            expected.put("MEASUREMENT_READ index 5", INPUT);
            expected.put("MEASUREMENT_EXTEND index 0", INPUT);
            expected.put("MEASUREMENT_EXTEND index 5", INPUT);
            expected.put("MEASUREMENT_EXTEND size 65", INPUT);
            expected.put("MEASUREMENT_EXTEND ok", 0L);
            expected.put("TOKEN_CONTINUE before INIT", STATE);
            expected.put("TOKEN_INIT", 0L);
            expected.put("TOKEN_CONTINUE addr align", INPUT);
            expected.put("TOKEN_CONTINUE unprotected", INPUT);
            expected.put("TOKEN_CONTINUE offset 4096", INPUT);
            expected.put("TOKEN_CONTINUE overflow", INPUT);
            expected.put("TOKEN_CONTINUE beyond granule", INPUT);
            expected.put("TOKEN_CONTINUE RIPAS EMPTY", INPUT);
            expected.put("TOKEN_CONTINUE, machine without attestation root: UNKNOWN", 4L);
            expected.put("TOKEN_CONTINUE after UNKNOWN: no token in progress", STATE);
            expected.put("REALM_CONFIG align", INPUT);
            expected.put("REALM_CONFIG unprotected", INPUT);
            expected.put("REALM_CONFIG RIPAS EMPTY", INPUT);
            expected.put("REALM_CONFIG ok", 0L);
            expected.put("REALM_CONFIG ipa_width", (long) RmmTestbed.S2SZ);
            expected.put("REALM_CONFIG hash_algo", 0L);
            expected.put("IPA_STATE_SET base align", INPUT);
            expected.put("IPA_STATE_SET top <= base", INPUT);
            expected.put("IPA_STATE_SET unprotected", INPUT);
            expected.put("IPA_STATE_SET ripas 2", INPUT);
            expected.put("IPA_STATE_GET top align", INPUT);
            expected.put("IPA_STATE_GET unprotected", INPUT);
            expected.put("IPA_STATE_GET ok", 0L);
            expected.put("IPA_STATE_GET out_top", GuestRealm.RAM_TOP);
            expected.put("IPA_STATE_GET ripas", 1L);
            expected.put("HOST_CALL align", INPUT);
            expected.put("HOST_CALL unprotected", INPUT);
            expected.put("HOST_CALL RIPAS EMPTY", INPUT);
            expected.put("PSCI_VERSION", PsciReturn.PSCI_VERSION_1_1);
            expected.put("SMCCC_VERSION", 0x10002L);
            expected.put("PSCI_FEATURES(CPU_ON)", 0L);
            expected.put("PSCI_FEATURES(MIGRATE)", -1L);
            expected.put("unknown FID", -1L);
            expected.put("CPU_ON unprotected entry", PsciReturn.PSCI_INVALID_ADDRESS.code());
            expected.put("CPU_ON no such REC", PsciReturn.PSCI_INVALID_PARAMETERS.code());
            expected.put("CPU_ON self", PsciReturn.PSCI_ALREADY_ON.code());
            expected.put("AFFINITY_INFO level 1", PsciReturn.PSCI_INVALID_PARAMETERS.code());
            expected.put("AFFINITY_INFO self", PsciReturn.AFFINITY_ON);
            assertEquals(expected.toString().replace(", ", ",\n"), seen.toString().replace(", ", ",\n"));
            assertEquals(0L, t.ok(RmiCommand.RMI_RTT_READ_ENTRY, g.rd, EMPTY_IPA, 3).x4(), "EMPTY stays EMPTY");
        }
    }
}
