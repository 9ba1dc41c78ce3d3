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
import org.micasim.realms.cli.script.ScriptExecutor;
import org.micasim.realms.cli.script.ScriptFailure;
import org.micasim.realms.cli.script.ScriptParser;
import org.micasim.rmm.invariant.InvariantReport;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * The fuzzer must catch a broken RMM: with a seeded bug it reports a violation, shrinks the sequence to
 * a short smc-script that the smc-script parser accepts, and that script, replayed by the smc-script
 * executor on the broken RMM, leaves the RMM in a state the checker rejects — while on the real RMM it
 * leaves none.
 */
class MutationSelfTest {
    private static final long SEED = 3;

    @ParameterizedTest
    @EnumSource(MutantFirmware.Mutation.class)
    void theFuzzerFindsTheSeededBugAndShrinksItToAReplayableScript(MutantFirmware.Mutation mutation) {
        FuzzTarget.Factory mutant = FuzzTarget.decorated(1, 7, true, rmm -> new MutantFirmware(rmm, mutation));
        FuzzReport r = new FuzzEngine(mutant).run(10, 500, SEED);
        assertTrue(r.failure().isPresent(), mutation + ": no violation found with seed " + SEED);
        FuzzReport.FailureReport f = r.failure().get();
        assertFalse(f.kind().equals(FuzzEngine.UNDEFINED), mutation + ": " + f.detail());
        assertTrue(f.shrunkSteps() <= 20 && f.shrunkSteps() < f.originalSteps(),
            mutation + ": shrunk from " + f.originalSteps() + " to " + f.shrunkSteps() + "\n" + f.script());

        ParseResult parsed = ScriptParser.parse("shrunk.smc", f.script());
        assertEquals(List.of(), parsed.diagnostics());
        assertFalse(replay(mutant, parsed).ok(), mutation + ": the shrunk script does not reproduce\n" + f.script());
        assertTrue(replay(FuzzTarget.standard(1, 7, true), parsed).ok(),
            mutation + ": the real RMM keeps its invariants under the same script\n" + f.script());
    }

    private static InvariantReport replay(FuzzTarget.Factory factory, ParseResult parsed) {
        try (FuzzTarget t = factory.boot(new GuestProgramRegistry(), false)) {
            StringWriter out = new StringWriter();
            List<ScriptFailure> failures = new ScriptExecutor(t.host(0), new PrintWriter(out), new PrintWriter(out))
                .run(parsed.script().orElseThrow(), true);
            assertTrue(failures.size() <= 1, out.toString());
            return t.checker().check();
        }
    }
}
