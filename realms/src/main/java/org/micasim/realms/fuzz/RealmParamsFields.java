package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;

/** The structure field names the fuzzer sets, in the order the smc-script reference lists them. */
final class RealmParamsFields {
    /** RmiRealmParams fields except the 64-byte rpv, which the fuzzer leaves zero. */
    static final List<String> ORDER = RmiRealmParams.FIELD_NAMES.stream().filter(f -> !f.equals("rpv")).toList();
    /** RmiRecParams fields as {@code rec-params} names them. */
    static final List<String> REC_ORDER = recOrder();

    private RealmParamsFields() {
    }

    private static List<String> recOrder() {
        List<String> l = new ArrayList<>(List.of("flags", "mpidr", "pc"));
        for (int i = 0; i < RmiRecParams.NUM_GPRS; i++) {
            l.add("gprs" + i);
        }
        l.add("num_aux");
        for (int i = 0; i < RmiRecParams.MAX_AUX; i++) {
            l.add("aux" + i);
        }
        return List.copyOf(l);
    }
}
