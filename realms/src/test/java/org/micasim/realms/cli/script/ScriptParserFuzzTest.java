package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and mutated scripts: the parser must answer every one with a script or with diagnostics that point
 * inside the text, never with an exception, and the same text must always give the same answer.
 */
class ScriptParserFuzzTest {

    private static final List<String> CORPUS = List.of(
            "# delegate a granule",
            "let rd = 0x88001000",
            "let params = 0x88000000",
            "smc RMI_GRANULE_DELEGATE $rd",
            "expect RMI_SUCCESS",
            "smc RMI_VERSION 0x10000",
            "expect RMI_SUCCESS x1=0x10000 x2=0x10000",
            "realm-params $params s2sz=40 hash_algo=0 rtt_base=0x88002000 rtt_level_start=1 rtt_num_start=1 vmid=1",
            "rec-params $params flags=1 mpidr=0 pc=0x1000 gprs0=1 gprs7=2 num_aux=1 aux0=0x88005000",
            "smc RMI_REALM_CREATE $rd $params",
            "smc RMI_RTT_READ_ENTRY $rd 0 3",
            "expect RMI_ERROR_RTT(1) x1=1",
            "expect RMI_ERROR_INPUT",
            "write 0x88000000 00ff10 2030",
            "expect-mem 0x88000000 00ff102030",
            "expect-fault 0x88001000",
            "smc 0xc4000156 1 2 3",
            "expect SMC_NOT_SUPPORTED",
            "",
            "   \t  # indented comment");

    private static final String ALPHABET = "smcexpt-=()$#0x19afAFRMI_ _xgprs\t\r\u0000\u00e9\u2028\uffff\"'\\,;:.";

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomAndMutatedScriptsGiveDiagnosticsNeverExceptions(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String text = script(random);
        ParseResult result;
        try {
            result = ScriptParser.parse("fuzz.smc", text);
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + ": parser threw " + e + " on:\n" + text);
            return;
        }
        String[] lines = text.split("\n", -1);
        for (ScriptDiagnostic d : result.diagnostics()) {
            assertTrue(d.line() >= 1 && d.line() <= lines.length, "seed " + seed + ": line out of range: " + d);
            assertTrue(d.column() >= 1 && d.column() <= lines[d.line() - 1].length() + 1,
                    "seed " + seed + ": column out of range: " + d.render());
            assertFalse(d.message().isBlank(), "seed " + seed + ": empty message");
            assertTrue(d.message().chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                    "seed " + seed + ": message is not one printable ASCII line: " + d.message());
        }
        assertEquals(result, ScriptParser.parse("fuzz.smc", text), "seed " + seed + ": parse is not deterministic");
    }

    private static String script(SplittableRandom random) {
        int lines = 1 + random.nextInt(12);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            out.add(switch (random.nextInt(4)) {
                case 0 -> CORPUS.get(random.nextInt(CORPUS.size()));
                case 1, 2 -> mutate(CORPUS.get(random.nextInt(CORPUS.size())), random);
                default -> randomLine(random);
            });
        }
        return String.join(random.nextBoolean() ? "\n" : "\r\n", out);
    }

    private static String mutate(String line, SplittableRandom random) {
        StringBuilder s = new StringBuilder(line);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                default -> {
                    String other = CORPUS.get(random.nextInt(CORPUS.size()));
                    String[] words = other.split(" ");
                    s.insert(at, " " + words[random.nextInt(words.length)] + " ");
                }
            }
        }
        return s.toString();
    }

    private static String randomLine(SplittableRandom random) {
        int length = random.nextInt(40);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(5) == 0 ? (char) random.nextInt(0x10000)
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
