package org.micasim.policy.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.PolicyChecker;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/**
 * For generated syntax trees: tree -> binary -> source -> tree gives the same tree, and
 * source -> binary -> source -> binary gives the same bytes.
 */
class RoundTripPropertyTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedPolicy_roundTripsThroughBinaryAndSource(long seed) throws MalformedPolicyException {
        Policy generated = new PolicyGenerator(seed).next();
        String why = "seed " + seed;
        assertEquals(List.of(), PolicyChecker.check(generated).stream().map(Diagnostic::render).toList(), why);

        byte[] bytes = PolicyCompiler.compileToBytes(generated);
        assertTrue(bytes.length <= PolyLayout.MAX_SIZE, why);
        assertEquals(bytes.length, PolicyCompiler.compile(generated).byteSize(), why);
        assertEquals(PolicyCompiler.compile(generated), PolyDecoder.decode(bytes), why);
        String source = Decompiler.toSource(PolyDecoder.decode(bytes));

        ParseResult<Policy> reparsed = PolicyParser.parsePolicy(new SourceFile("gen.json", source));
        assertEquals(List.of(), reparsed.diagnostics(), why + "\n" + source);
        Policy back = reparsed.value().orElseThrow();
        assertEquals(generated, back.withoutSpans(), why + "\n" + source);

        byte[] again = PolicyCompiler.compileToBytes(back);
        assertArrayEquals(bytes, again, why);
        assertEquals(source, Decompiler.toSource(PolyDecoder.decode(again)), why);
    }
}
