package org.micasim.policy.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.policy.TestResources;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.codec.Decompiler;
import org.micasim.policy.codec.MalformedPolicyException;
import org.micasim.policy.codec.PolyDecoder;
import org.micasim.policy.codec.PolyEncoder;
import org.micasim.policy.flow.PipelineCheck;
import org.micasim.policy.pipeline.LoadedPipeline;
import org.micasim.policy.pipeline.PipelineLoader;
import org.micasim.policy.pipeline.PolicyUnit;

/**
 * Mutated and random inputs produce diagnostics, never an exception: policies, pipelines and
 * binaries. Every policy that survives without error must still compile and round-trip.
 */
class FuzzTest {
    private static final List<String> POLICIES = List.of("rnet.json", "ra.json", "rg.json", "rf.json", "ri.json",
            "prefault_shm2.json", "old-vocabulary-policy1.json");
    private static final String ALPHABET = "{}[]:,\"-0x123456789abcdefRWANYSelfVMMemCFsizetypegpaprot \n/*\\";

    static LongStream seeds() {
        return LongStream.range(0, 250);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPolicy_givesDiagnosticsNeverAnException(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String original = TestResources.source("examples/" + POLICIES.get(rnd.nextInt(POLICIES.size()))).text();
        String mutated = mutate(original, rnd);
        try {
            PolicyUnit unit = PolicyUnit.of(new SourceFile("fuzz.json", mutated));
            if (unit.payload().isPresent()) {
                assertFalse(unit.hasErrors(), "seed " + seed);
                byte[] bytes = PolyEncoder.encode(unit.payload().get());
                String back = Decompiler.toSource(PolyDecoder.decode(bytes));
                byte[] again = PolyEncoder.encode(PolicyUnit.of(new SourceFile("back.json", back)).payload().orElseThrow());
                assertArrayEquals(bytes, again, "seed " + seed);
            } else {
                assertTrue(unit.hasErrors(), "seed " + seed + ": no payload but no error");
            }
            unit.diagnostics().forEach(d -> render(d, mutated));
        } catch (RuntimeException | StackOverflowError | MalformedPolicyException e) {
            throw new AssertionError("seed " + seed + " threw on:\n" + mutated, e);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomBytes_giveDiagnosticsNeverAnException(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] junk = new byte[rnd.nextInt(2000)];
        rnd.nextBytes(junk);
        if (rnd.nextBoolean() && junk.length > 0) {
            junk[0] = '{';
        }
        String text = new String(junk, StandardCharsets.UTF_8);
        try {
            PolicyUnit unit = PolicyUnit.of(new SourceFile("junk.json", text));
            assertTrue(unit.hasErrors() || unit.payload().isPresent(), "seed " + seed);
            PolicyParser.parsePipeline(new SourceFile("junk.pipeline", text));
            try {
                PolyDecoder.decode(junk);
            } catch (MalformedPolicyException expected) {
                assertTrue(expected.offset() >= 0, "seed " + seed);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + " threw", e);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPipeline_givesDiagnosticsNeverAnException(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String original = TestResources.source(rnd.nextBoolean()
                ? "pipelines/guard-railed-hardened.pipeline" : "pipelines/guard-railed-inconsistent.pipeline").text();
        String mutated = mutate(original, rnd);
        try {
            LoadedPipeline p = PipelineLoader.load(new SourceFile("fuzz.pipeline", mutated), null, null).orElseThrow();
            PipelineCheck.run(p).forEach(d -> render(d, mutated));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + " threw on:\n" + mutated, e);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedBinary_isRejectedOrDecodesToValidSource(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] golden = {"network-service-rnet.bin", "network-service-ra.bin", "guard-railed-rf.bin", "prefault-shm2.bin"};
        byte[] bytes = TestResources.bytes("golden/" + golden[rnd.nextInt(golden.length)]).clone();
        int flips = 1 + rnd.nextInt(3);
        for (int i = 0; i < flips; i++) {
            bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        try {
            String source = Decompiler.toSource(PolyDecoder.decode(bytes));
            PolicyUnit unit = PolicyUnit.of(new SourceFile("decoded.json", source));
            assertTrue(unit.policy().isPresent(), "seed " + seed + ": decompiled source must parse:\n" + source);
        } catch (MalformedPolicyException rejected) {
            assertTrue(rejected.offset() >= 0 && rejected.offset() <= bytes.length, "seed " + seed);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + " threw", e);
        }
    }

    private static String mutate(String text, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = rnd.nextInt(s.length());
            switch (rnd.nextInt(5)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> s.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 3 -> {
                    int end = Math.min(s.length(), at + rnd.nextInt(40));
                    s.insert(rnd.nextInt(s.length()), s.substring(at, end));
                }
                default -> s.delete(at, Math.min(s.length(), at + rnd.nextInt(20)));
            }
        }
        return s.toString();
    }

    private static void render(Diagnostic d, String source) {
        assertFalse(d.render(source).isEmpty());
        assertTrue(d.span().line() >= 0);
    }
}
