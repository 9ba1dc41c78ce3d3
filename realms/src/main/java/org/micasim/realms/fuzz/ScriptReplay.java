package org.micasim.realms.fuzz;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.realms.cli.script.Script;
import org.micasim.realms.cli.script.ScriptExecutor;
import org.micasim.realms.cli.script.ScriptFailure;
import org.micasim.realms.cli.script.Statement;
import org.micasim.rmm.invariant.InvariantReport;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Replays an smc-script (a shrunk fuzz failure, or any script) with the invariant checker after every
 * statement, on a platform that also runs the fuzzer's hostile guest program, so a script the fuzzer
 * printed reproduces exactly what the fuzzer saw. Statements run through the smc-script executor: each
 * smc together with the expects that follow it, each other statement alone.
 */
public final class ScriptReplay {
    /** What a replay found. */
    public record Result(List<ScriptFailure> failures, Optional<String> violation) {
        public boolean passed() {
            return failures.isEmpty() && violation.isEmpty();
        }
    }

    private ScriptReplay() {
    }

    /** Replays {@code script} on a fresh target from {@code factory}; stops at the first violation. */
    public static Result replay(Script script, FuzzTarget.Factory factory, boolean attested, PrintWriter out,
                                PrintWriter err) {
        FuzzLog log = new FuzzLog();
        GuestProgramRegistry programs = new GuestProgramRegistry().register(FuzzGuest.NAME, () -> new FuzzGuest(log));
        List<ScriptFailure> failures = new ArrayList<>();
        try (FuzzTarget t = factory.boot(programs, attested)) {
            log.micaBlocks(!t.rmm().config().extensions().isEmpty());
            ScriptExecutor executor = new ScriptExecutor(t.host(0), out, err);
            for (List<Statement> chunk : chunks(script.statements())) {
                failures.addAll(executor.run(new Script(script.file(), chunk), true));
                InvariantReport r = t.checker().check();
                List<String> guest = log.undefinedOutcomes();
                if (!r.ok() || !guest.isEmpty()) {
                    String what = !r.ok() ? r.violations().toString() : "undefined outcome: " + guest.get(0);
                    String where = script.file() + ":" + chunk.get(0).line();
                    err.println(where + ": " + what);
                    err.flush();
                    return new Result(failures, Optional.of(where + ": " + what));
                }
            }
        }
        return new Result(failures, Optional.empty());
    }

    /** Each smc with the expects after it; every other statement alone. */
    private static List<List<Statement>> chunks(List<Statement> statements) {
        List<List<Statement>> chunks = new ArrayList<>();
        for (Statement s : statements) {
            if (s instanceof Statement.Expect && !chunks.isEmpty()
                && chunks.get(chunks.size() - 1).get(0) instanceof Statement.Smc) {
                chunks.get(chunks.size() - 1).add(s);
            } else {
                chunks.add(new ArrayList<>(List.of(s)));
            }
        }
        return chunks;
    }
}
