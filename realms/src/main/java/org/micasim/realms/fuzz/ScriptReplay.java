package org.micasim.realms.fuzz;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.realms.cli.script.Script;
import org.micasim.realms.cli.script.ScriptExecutor;
import org.micasim.realms.cli.script.ScriptFailure;
import org.micasim.realms.cli.script.Statement;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.realms.platform.InvariantWatch;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Replays an smc-script (a shrunk fuzz failure, or any script) as {@code mica smc-script
 * --check-invariants} does — the invariants checked after every RMI call by the platform's
 * {@link org.micasim.realms.platform.DefaultPlatform#checkInvariants checked firmware} — on a platform that
 * also runs the fuzzer's hostile guest program, so a script the fuzzer printed reproduces exactly what the
 * fuzzer saw. Statements run through the smc-script executor: each smc together with the expects that
 * follow it, each other statement alone, and the guests' outcomes are judged after each.
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
        try (FuzzTarget t = new FuzzTarget(factory.platform(programs, attested).checkInvariants(new InvariantWatch())
                .start())) {
            log.configureFor(t);
            ScriptExecutor executor = new ScriptExecutor(t.host(0), out, err);
            for (List<Statement> chunk : chunks(script.statements())) {
                try {
                    failures.addAll(executor.run(new Script(script.file(), chunk), true));
                } catch (InvariantViolation v) {
                    err.println(v.report());
                    err.flush();
                    return new Result(failures, Optional.of(v.where().map(w -> w + ": ").orElse("") + v.violations()));
                }
                List<String> guest = log.undefinedOutcomes();
                if (!guest.isEmpty()) {
                    String what = script.file() + ":" + chunk.get(0).line() + ": undefined outcome: " + guest.get(0);
                    err.println(what);
                    err.flush();
                    return new Result(failures, Optional.of(what));
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
