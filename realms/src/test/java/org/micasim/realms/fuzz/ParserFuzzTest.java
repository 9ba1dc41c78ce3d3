package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.check.PolicyChecker;
import org.micasim.policy.codec.MalformedPolicyException;
import org.micasim.policy.codec.PolicyCompiler;
import org.micasim.policy.codec.PolyDecoder;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;
import org.micasim.realms.scenario.ScenarioChecker;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioLoader;
import org.micasim.rmm.mica.PolicyDecoder;
import org.micasim.rmm.mica.PolicyFormatException;

/**
 * Parsers under garbage: mutated binary policies into the RMM's own decoder (the one RSI_UPLOAD_POLICY
 * runs; the fuzzer's guests also feed it through the RSI) and into policy-lang's POLY decoder, and
 * mutated policy sources into policy-lang's parser and checker. Each may only answer with a diagnostic
 * or its defined error, never with another exception; the same for mutated scenario files. (smc-scripts:
 * ScriptParserFuzzTest and SmcScriptFuzzTest in cli/script.)
 */
class ParserFuzzTest {
    private static final int CASES = 150;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mutatedBinaryPoliciesGetADefinedErrorFromBothDecoders(long seed) {
        SeedPolicies seeds = new SeedPolicies();
        SplittableRandom rnd = new SplittableRandom(seed);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b = seeds.mutated(rnd);
            try {
                PolicyDecoder.decode(b);
                accepted++;
            } catch (PolicyFormatException e) {
                assertTrue(e.error().code() < 0, "seed " + seed + " case " + i + ": " + e.error());
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + ": the RMM's decoder threw " + e);
            }
            try {
                PolyDecoder.decode(b);
            } catch (MalformedPolicyException e) {
                assertFalse(e.getMessage().isEmpty(), "seed " + seed + " case " + i);
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + ": policy-lang's decoder threw " + e);
            }
        }
        assertTrue(accepted > 0, "seed " + seed + ": the intact seeds decode");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mutatedPolicySourcesGetDiagnosticsNotExceptions(long seed) {
        String source = """
            {
              "Ring": { "size": 0x2000, "type": "PROTECTED",
                        "mappings": { "ANY": { "gpa": 0x2000, "prot": "R", "any-count": 2 } } },
              "Net":  { "size": 0x1000, "type": "UNPROTECTED",
                        "mappings": { "SELF": { "gpa": 0x4000000000, "prot": "RW" } } }
            }
            """;
        String alphabet = "{}[]:,\"0x123456789abcdefANYSELFRWprotgpasizetype -\n\t\\";
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            String text = mutate(source, alphabet, 4, rnd);
            try {
                ParseResult<Policy> r = PolicyParser.parsePolicy(new SourceFile("fuzz.json", text));
                assertTrue(r.value().isPresent() || !r.diagnostics().isEmpty(), "seed " + seed + " case " + i);
                if (r.value().isPresent() && PolicyChecker.check(r.value().get()).stream()
                    .noneMatch(d -> d.severity() == org.micasim.policy.check.Severity.ERROR)) {
                    PolicyDecoder.decode(PolicyCompiler.compileToBytes(r.value().get()));
                }
            } catch (PolicyFormatException e) {
                // a checked policy the RMM's stricter decoder refuses: a defined error code
                assertTrue(e.error().code() < 0, "seed " + seed + " case " + i);
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + " threw " + e + " on:\n" + text);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void mutatedScenarioFilesGetAScenarioErrorNotAnException(long seed) throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader(new ScenarioChecker(new WorkloadCatalog()));
        String source = loader.loadBundledText(ScenarioLoader.DEFAULT_SCENARIO);
        String alphabet = "{}[]:,\"0123456789.-eEtruefalsn \n";
        SplittableRandom rnd = new SplittableRandom(seed);
        int rejected = 0;
        for (int i = 0; i < CASES / 3; i++) {
            String text = mutate(source, alphabet, 3, rnd);
            try {
                loader.parse(text, "fuzz.json", ParserFuzzTest::bundledPolicy);
            } catch (ScenarioException e) {
                rejected++;
                assertFalse(e.getMessage().isEmpty(), "seed " + seed + " case " + i);
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + " threw " + e + " on:\n" + text);
            }
        }
        assertTrue(rejected > 0, "seed " + seed + ": some mutations are reported");
    }

    /** {@code source} with 1..{@code maxEdits} characters deleted, inserted or replaced from {@code alphabet}. */
    private static String mutate(String source, String alphabet, int maxEdits, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(source);
        for (int k = 1 + rnd.nextInt(maxEdits); k > 0; k--) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }

    /** A policy file next to the bundled scenarios, or null. */
    private static String bundledPolicy(String name) {
        try (java.io.InputStream in = ParserFuzzTest.class.getResourceAsStream("/org/micasim/realms/scenarios/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
