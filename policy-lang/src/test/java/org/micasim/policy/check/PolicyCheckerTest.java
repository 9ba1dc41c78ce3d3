package org.micasim.policy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/**
 * One row per rule: a policy that breaks exactly that rule, and the exact diagnostic it gets.
 * Policies are written on one line per member so that positions are easy to read off.
 */
class PolicyCheckerTest {
    private static final String VMS = "\"VM1\": { \"hash\": 0x1 },\n\"VM2\": { \"hash\": 0x2 },\n";
    private static final String MEM1 = "\"Mem1\": { \"size\": 0x2000, \"type\": \"PROTECTED\", \"mappings\": {"
            + " \"VM1\": { \"gpa\": 0x10000, \"prot\": \"RW\" } } }";

    /** {@code Self} = VM1, two VMs, then {@code rest} from line 4 on. */
    private static String policy(String rest) {
        return "{\n\"Self\": \"VM1\",\n" + VMS + rest + "\n}";
    }

    private static List<String> diagnostics(String text) {
        ParseResult<Policy> r = PolicyParser.parsePolicy(new SourceFile("p.json", text));
        List<String> all = new ArrayList<>();
        r.diagnostics().forEach(d -> all.add(d.render()));
        r.value().ifPresent(p -> PolicyChecker.check(p).forEach(d -> all.add(d.render())));
        return all;
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("unknown top-level key", policy(MEM1 + ",\n\"Ch1\": {}"),
                        "p.json:6:1: error: unknown key \"Ch1\"; expected \"Self\", \"VM<id>\", \"Mem<id>\" or \"CF<id>\""),
                Arguments.of("unknown key in VM", "{\n\"Self\": \"VM1\",\n\"VM1\": { \"hash\": 0x1, \"gateway\": true },\n" + MEM1 + "\n}",
                        "p.json:3:23: error: unknown key \"gateway\" in VM1; expected \"hash\", \"is-gateway\" or \"strict\""),
                Arguments.of("unknown key in mapping", policy("\"Mem1\": { \"size\": 0x2000, \"type\": \"PROTECTED\", \"mappings\":"
                        + " { \"VM1\": { \"gpa\": 0x10000, \"prot\": \"RW\", \"flags\": 1 } } }"),
                        "p.json:5:101: error: unknown key \"flags\" in mapping \"VM1\" of Mem1; expected \"gpa\", \"prot\" or \"any-count\""),
                Arguments.of("duplicate key", policy(MEM1 + ",\n\"VM1\": { \"hash\": 0x1 }"),
                        "p.json:6:1: error: duplicate key \"VM1\" (first at 3:1)"),
                Arguments.of("value of the wrong kind", policy(MEM1.replace("0x2000", "\"8K\"")),
                        "p.json:5:19: error: \"size\" must be an integer, found \"8K\""),
                Arguments.of("unknown keyword", policy(MEM1.replace("\"RW\"", "\"RX\"")),
                        "p.json:5:95: error: \"prot\" must be \"R\", \"W\" or \"RW\", found \"RX\""),
                Arguments.of("Self missing", "{\n" + VMS + MEM1 + "\n}",
                        "p.json:1:1: error: no \"Self\" entry: name the VM that describes this realm"),
                Arguments.of("Self undeclared", "{\n\"Self\": \"VM7\",\n" + VMS + MEM1 + "\n}",
                        "p.json:2:9: error: \"Self\" names undeclared VM \"VM7\""),
                Arguments.of("mapping to an undeclared VM", policy(MEM1.replace("} } }", "}, \"VM5\": { \"gpa\": 0x20000, \"prot\": \"R\" } } }")),
                        "p.json:5:103: error: mapping names undeclared VM \"VM5\""),
                Arguments.of("owner undeclared", policy(MEM1 + ",\n\"CF1\": { \"owner\": \"VM5\", \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"BLOCK\" }"),
                        "p.json:6:19: error: \"owner\" of CF1 names undeclared VM \"VM5\""),
                Arguments.of("name longer than 4 characters", policy(MEM1.replace("Mem1", "Mem10")),
                        "p.json:5:1: error: name \"Mem10\" is longer than 4 characters"),
                Arguments.of("name with other characters", policy(MEM1.replace("Mem1", "Mem!")),
                        "p.json:5:1: error: name \"Mem!\" may contain only ASCII letters, digits, '_' and '-'"),
                Arguments.of("size not a multiple of 4 KiB", policy(MEM1.replace("0x2000", "0x1800")),
                        "p.json:5:19: error: size 0x1800 of Mem1 is not a positive multiple of 4 KiB (0x1000)"),
                Arguments.of("size zero", policy(MEM1.replace("0x2000", "0")),
                        "p.json:5:19: error: size 0x0 of Mem1 is not a positive multiple of 4 KiB (0x1000)"),
                Arguments.of("size above 4096 granules", policy(MEM1.replace("0x2000", "0x1001000")),
                        "p.json:5:19: error: size 0x1001000 of Mem1 is above 4096 granules (16 MiB)"),
                Arguments.of("more than 8 VMs", "{\n\"Self\": \"VM1\",\n" + vms(9) + MEM1 + "\n}",
                        "p.json:11:1: error: VM9 is the 9th VM; at most 8 are allowed"),
                Arguments.of("more than 8 Mems", policy(mems(9)),
                        "p.json:13:1: error: Mem9 is the 9th Mem; at most 8 are allowed"),
                Arguments.of("more than 8 mappings", "{\n\"Self\": \"VM1\",\n" + vms(8) + mappings(9) + "\n}",
                        "p.json:11:382: error: mapping \"ANY\" is the 9th of Mem1; at most 8 are allowed"),
                Arguments.of("more than 8 CFs", policy(MEM1 + cfs(9)),
                        "p.json:14:1: error: CF9 is the 9th CF; at most 8 are allowed"),
                Arguments.of("more than 8 range values", policy(MEM1 + ",\n\"CF1\": { \"type\": \"CALL\", \"range\": [1,2,3,4,5,6,7,8,9], \"policy\": \"BLOCK\" }"),
                        "p.json:6:52: error: range value 0x9 is the 9th of CF1; at most 8 are allowed"),
                Arguments.of("ANY without any-count", policy(MEM1.replace("} } }", "}, \"ANY\": { \"gpa\": 0x20000, \"prot\": \"R\" } } }")),
                        "p.json:5:103: error: ANY mapping of Mem1 needs \"any-count\" > 0, or -1 for unlimited"),
                Arguments.of("ANY with any-count 0", policy(MEM1.replace("} } }", "}, \"ANY\": { \"gpa\": 0x20000, \"prot\": \"R\", \"any-count\": 0 } } }")),
                        "p.json:5:154: error: ANY mapping of Mem1 needs \"any-count\" > 0, or -1 for unlimited, found 0"),
                Arguments.of("ANY with any-count below -1", policy(MEM1.replace("} } }", "}, \"ANY\": { \"gpa\": 0x20000, \"prot\": \"R\", \"any-count\": -2 } } }")),
                        "p.json:5:154: error: ANY mapping of Mem1 needs \"any-count\" > 0, or -1 for unlimited, found -2"),
                Arguments.of("named mapping with any-count", policy(MEM1.replace("\"RW\" }", "\"RW\", \"any-count\": 1 }")),
                        "p.json:5:114: error: \"any-count\" is allowed only on the ANY mapping, not on \"VM1\""),
                Arguments.of("gpa not 4 KiB-aligned", policy(MEM1.replace("0x10000", "0x10800")),
                        "p.json:5:78: error: gpa 0x10800 of mapping \"VM1\" of Mem1 is not 4 KiB-aligned"),
                Arguments.of("overlapping GPA ranges of one VM", policy(MEM1 + ",\n" + MEM1.replace("Mem1", "Mem2").replace("0x10000", "0x11000")),
                        "p.json:6:78: error: VM1 maps Mem2 at [0x11000, 0x13000), overlapping Mem1 at [0x10000, 0x12000) (5:78)"),
                Arguments.of("Mem that does not involve Self", policy(MEM1.replace("\"VM1\": { \"gpa\"", "\"VM2\": { \"gpa\"")),
                        "p.json:5:1: error: Mem1 does not involve Self (VM1): no mapping names VM1 or ANY"),
                Arguments.of("Mem type OTHER", policy(MEM1.replace("\"PROTECTED\"", "\"OTHER\"")),
                        "p.json:5:35: error: type \"OTHER\" of Mem1 is rejected by the RMM at upload; use \"PROTECTED\" or \"UNPROTECTED\""),
                Arguments.of("hash out of range for u32", policy(MEM1).replace("0x2 }", "0x100000000 }"),
                        "p.json:4:18: error: \"hash\" value 0x100000000 does not fit in u32 (0 to 0xffffffff)"),
                Arguments.of("negative hash", policy(MEM1).replace("0x2 }", "-1 }"),
                        "p.json:4:18: error: \"hash\" value -0x1 does not fit in u32 (0 to 0xffffffff)"),
                Arguments.of("gpa out of range for u64", policy(MEM1.replace("0x10000", "0x10000000000000000")),
                        "p.json:5:78: error: \"gpa\" value 0x10000000000000000 does not fit in u64 (0 to 0xffffffffffffffff)"),
                Arguments.of("range value out of range for u32", policy(MEM1 + ",\n\"CF1\": { \"type\": \"CALL\", \"range\": [0x1ffffffff], \"policy\": \"BLOCK\" }"),
                        "p.json:6:36: error: \"range\" value 0x1ffffffff does not fit in u32 (0 to 0xffffffff)"),
                Arguments.of("any-count out of range for i32", policy(MEM1.replace("} } }", "}, \"ANY\": { \"gpa\": 0x20000, \"prot\": \"R\", \"any-count\": 0x80000000 } } }")),
                        "p.json:5:154: error: \"any-count\" value 0x80000000 does not fit in i32 (-2147483648 to 2147483647)"),
                Arguments.of("duplicate hash", policy(MEM1).replace("0x2 }", "0x1 }"),
                        "p.json:4:18: error: VM2 has the same hash 0x1 as VM1 (3:1)"),
                Arguments.of("missing key", policy(MEM1.replace("\"size\": 0x2000, ", "")),
                        "p.json:5:1: error: missing \"size\" in Mem1"),
                Arguments.of("empty range", policy(MEM1 + ",\n\"CF1\": { \"type\": \"CALL\", \"range\": [], \"policy\": \"BLOCK\" }"),
                        "p.json:6:26: error: \"range\" of CF1 is empty"),
                Arguments.of("conflicting control-transfer rules", policy(MEM1 + ",\n\"CF1\": { \"owner\": \"VM1\", \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"BLOCK\" },"
                        + "\n\"CF2\": { \"owner\": \"VM1\", \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"ALLOW\" }"),
                        "p.json:7:52: error: CF2 gives CALL 0x17 of VM1 policy ALLOW, but CF1 (6:1) gives BLOCK"),
                Arguments.of("no Mem", policy("\"CF1\": { \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"BLOCK\" }"),
                        "p.json:1:1: error: no Mem object: the RMM rejects a policy without memory objects at upload"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule_reportsExactMessageAndLocation(String rule, String text, String expected) {
        assertEquals(List.of(expected), diagnostics(text), rule);
    }

    private static String vms(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append("\"VM").append(i).append("\": { \"hash\": ").append(i).append(" },\n");
        }
        return s.toString();
    }

    private static String mems(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(i > 1 ? ",\n" : "").append(MEM1.replace("Mem1", "Mem" + i).replace("0x10000", "0x" + Integer.toHexString(i * 0x10000)));
        }
        return s.toString();
    }

    private static String mappings(int n) {
        StringBuilder s = new StringBuilder("\"Mem1\": { \"size\": 0x2000, \"type\": \"PROTECTED\", \"mappings\": { ");
        for (int i = 1; i < n; i++) {
            s.append("\"VM").append(i).append("\": { \"gpa\": 0x10000, \"prot\": \"R\" }, ");
        }
        return s.append("\"ANY\": { \"gpa\": 0x10000, \"prot\": \"R\", \"any-count\": 1 } } }").toString();
    }

    private static String cfs(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(",\n\"CF").append(i).append("\": { \"type\": \"CALL\", \"range\": [").append(i).append("], \"policy\": \"BLOCK\" }");
        }
        return s.toString();
    }
}
