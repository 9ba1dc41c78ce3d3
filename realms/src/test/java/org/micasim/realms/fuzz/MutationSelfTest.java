package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.micasim.realms.cli.script.ParseResult;
import org.micasim.realms.cli.script.ScriptParser;

/**
 * The fuzzer must catch a broken RMM: with a seeded bug it reports a violation, shrinks the sequence to
 * a short smc-script that the smc-script parser accepts, and that script, replayed with the invariants
 * checked after each statement ({@link ScriptReplay}), holds every expect and breaks an invariant on the
 * broken RMM — while on the real RMM it breaks none.
 */
class MutationSelfTest {
    private static final long SEED = 3;

    @ParameterizedTest
    @EnumSource(MutantFirmware.Mutation.class)
    void theFuzzerFindsTheSeededBugAndShrinksItToAReplayableScript(MutantFirmware.Mutation mutation) {
        FuzzTarget.Factory mutant = FuzzTarget.decorated(1, 7, true, rmm -> new MutantFirmware(rmm, mutation));
        FuzzReport r = new FuzzEngine(mutant, true).run(10, 500, SEED);
        assertTrue(r.failure().isPresent(), mutation + ": no violation found with seed " + SEED);
        FuzzReport.FailureReport f = r.failure().get();
        assertFalse(f.kind().equals(FuzzEngine.UNDEFINED), mutation + ": " + f.detail());
        assertTrue(f.shrunkSteps() <= 20 && f.shrunkSteps() < f.originalSteps(),
            mutation + ": shrunk from " + f.originalSteps() + " to " + f.shrunkSteps() + "\n" + f.script());

        ParseResult parsed = ScriptParser.parse("shrunk.smc", f.script());
        assertEquals(List.of(), parsed.diagnostics());
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        ScriptReplay.Result onMutant = ScriptReplay.replay(parsed.script().orElseThrow(), mutant, false, w, w);
        assertEquals(List.of(), onMutant.failures(), mutation + ": every expect holds on the mutant\n" + out);
        assertTrue(onMutant.violation().isPresent(), mutation + ": the shrunk script reproduces\n" + f.script());
        ScriptReplay.Result onReal = ScriptReplay.replay(parsed.script().orElseThrow(), FuzzTarget.standard(1, 7, true),
            false, w, w);
        assertEquals(java.util.Optional.empty(), onReal.violation(),
            mutation + ": the real RMM keeps its invariants under the same script\n" + f.script());
    }
}
