package org.micasim.realms.fuzz;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.micasim.rmm.abi.RmiCommand;

/**
 * One concrete step of a malicious host: an SMC with fixed register values, or a Non-secure memory
 * access. Steps carry absolute values only, so any subsequence of a sequence can be replayed on a fresh
 * machine (which is what shrinking does), and each renders as smc-script lines (docs/smc-script.md).
 */
public sealed interface FuzzOp {
    /** The smc-script lines of this step; {@code x0} is what the call returned when it ran. */
    List<String> render(long x0, String status);

    /** {@code smc FID ARGS}: an RMI call (or any FID) with X1.. = {@code args}. */
    record Smc(long fid, long[] args) implements FuzzOp {
        public Smc {
            args = args.clone();
        }

        /** The command's spec name, or the FID in hex. */
        public String name() {
            return RmiCommand.byFid(fid).map(Enum::name).orElse(String.format("0x%x", fid));
        }

        @Override
        public List<String> render(long x0, String status) {
            StringBuilder b = new StringBuilder("smc ").append(name());
            for (long a : args) {
                b.append(' ').append(hex(a));
            }
            return List.of(b.toString(), "expect " + status);
        }
    }

    /** {@code realm-params PA key=value...}: an RmiRealmParams written to NS memory. */
    record RealmParams(long pa, Map<String, Long> fields) implements FuzzOp {
        public RealmParams {
            fields = Map.copyOf(fields);
        }

        @Override
        public List<String> render(long x0, String status) {
            return List.of("realm-params " + hex(pa) + keyValues(fields, RealmParamsFields.ORDER));
        }
    }

    /** {@code rec-params PA key=value...}: an RmiRecParams written to NS memory. */
    record RecParams(long pa, Map<String, Long> fields) implements FuzzOp {
        public RecParams {
            fields = Map.copyOf(fields);
        }

        @Override
        public List<String> render(long x0, String status) {
            return List.of("rec-params " + hex(pa) + keyValues(fields, RealmParamsFields.REC_ORDER));
        }
    }

    /** {@code write PA HEX}: a Non-secure store. */
    record Write(long pa, byte[] bytes) implements FuzzOp {
        public Write {
            bytes = bytes.clone();
        }

        @Override
        public List<String> render(long x0, String status) {
            return List.of("write " + hex(pa) + " " + HexFormat.of().formatHex(bytes));
        }
    }

    /**
     * A Non-secure load from a granule the host does not own: it must take a granule protection fault.
     * Renders as {@code expect-fault PA}.
     */
    record Probe(long pa) implements FuzzOp {
        @Override
        public List<String> render(long x0, String status) {
            return List.of("expect-fault " + hex(pa));
        }
    }

    static String hex(long v) {
        return String.format("0x%x", v);
    }

    private static String keyValues(Map<String, Long> fields, List<String> order) {
        return order.stream().filter(fields::containsKey)
            .map(k -> " " + k + "=" + hex(fields.get(k))).collect(Collectors.joining());
    }
}
