package org.micasim.realms.cli.script;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.SmcResult;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * Runs a parsed script on the Non-secure host of a booted platform: each smc is a real SMC through EL3 to
 * the RMM, each write and expect-mem a Non-secure access checked by the GPC. Prints one line per smc.
 */
public final class ScriptExecutor {
    private static final HexFormat HEX = HexFormat.of();

    private final HostCpu host;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param host the Non-secure PE the script's SMCs and memory accesses run on
     * @param out  where each smc's {@code FIDNAME(args) -> STATUS x1=...} line goes
     * @param err  where each failure's {@code FILE:LINE: ...} line goes, as soon as it happens
     */
    public ScriptExecutor(HostCpu host, PrintWriter out, PrintWriter err) {
        this.host = host;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the script's statements in order.
     *
     * @param keepGoing run on after a failed expect or a faulting access instead of stopping there
     * @return the failures, empty when every expect held
     * @throws InvariantViolation if the machine checks the RMM's invariants and a statement's SMC broke
     *                            one: the run stops there, the violation located at the statement's
     *                            {@code FILE:LINE}
     */
    public List<ScriptFailure> run(Script script, boolean keepGoing) {
        List<ScriptFailure> failures = new ArrayList<>();
        Optional<SmcResult> last = Optional.empty();
        for (Statement statement : script.statements()) {
            Optional<String> failure = Optional.empty();
            if (statement instanceof Statement.Smc smc) {
                last = Optional.of(call(script.file(), smc));
            } else if (statement instanceof Statement.Expect expect) {
                // The parser accepts an expect only after a well-formed smc, so a result is always there.
                failure = check(expect, last.orElseThrow());
            } else if (statement instanceof Statement.WriteRealmParams w) {
                failure = write(w.pa(), w.params().encode(), "an RmiRealmParams (4096 bytes)");
            } else if (statement instanceof Statement.WriteRecParams w) {
                failure = write(w.pa(), w.params().encode(), "an RmiRecParams (4096 bytes)");
            } else if (statement instanceof Statement.WriteMemory w) {
                failure = write(w.pa(), w.bytes().toByteArray(), byteCount(w.bytes().length()));
            } else if (statement instanceof Statement.ExpectMemory e) {
                failure = compare(e);
            } else if (statement instanceof Statement.ExpectFault f) {
                failure = fault(f.pa());
            } else {
                throw new IllegalStateException("no execution for statement " + statement);
            }
            if (failure.isPresent()) {
                ScriptFailure f = new ScriptFailure(script.file(), statement.line(), failure.get());
                failures.add(f);
                out.flush();
                err.println(f.render());
                err.flush();
                if (!keepGoing) {
                    break;
                }
            }
        }
        out.flush();
        return failures;
    }

    private SmcResult call(String file, Statement.Smc smc) {
        long[] args = smc.args().stream().mapToLong(Long::longValue).toArray();
        SmcResult result;
        try {
            result = host.smc(smc.fid(), args);
        } catch (InvariantViolation v) {
            out.flush();
            throw v.at(file + ":" + smc.line());
        }
        StringBuilder line = new StringBuilder(smc.callText()).append(" -> ").append(RmiReturn.format(result.x0()));
        for (int n = 1; n <= smc.resultCount(); n++) {
            line.append(String.format(" x%d=0x%x", n, register(result, n)));
        }
        out.println(line);
        return result;
    }

    private static long register(SmcResult result, int n) {
        return switch (n) {
            case 0 -> result.x0();
            case 1 -> result.x1();
            case 2 -> result.x2();
            case 3 -> result.x3();
            case 4 -> result.x4();
            default -> throw new IllegalArgumentException("SmcResult holds x0..x4, not x" + n);
        };
    }

    private static Optional<String> check(Statement.Expect expect, SmcResult result) {
        if (!expect.status().matches(result.x0())) {
            return Optional.of("expected " + expect.status() + ", got " + RmiReturn.format(result.x0()));
        }
        List<Statement.RegisterValue> wrong = expect.registers().stream()
                .filter(r -> register(result, r.register()) != r.value())
                .toList();
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("expected " + wrong.stream().map(Statement.RegisterValue::toString)
                .collect(Collectors.joining(" ")) + ", got " + wrong.stream()
                .map(r -> new Statement.RegisterValue(r.register(), register(result, r.register())).toString())
                .collect(Collectors.joining(" ")));
    }

    private Optional<String> write(long pa, byte[] bytes, String what) {
        try {
            host.write(pa, bytes);
            return Optional.empty();
        } catch (PhysicalAccessException e) {
            return Optional.of(String.format("Non-secure write of %s at PA 0x%x faulted: %s", what, pa, e.getMessage()));
        }
    }

    private Optional<String> compare(Statement.ExpectMemory expect) {
        byte[] actual;
        try {
            actual = host.read(expect.pa(), expect.bytes().length());
        } catch (PhysicalAccessException e) {
            return Optional.of(String.format("Non-secure read of %s at PA 0x%x faulted: %s",
                    byteCount(expect.bytes().length()), expect.pa(), e.getMessage()));
        }
        byte[] wanted = expect.bytes().toByteArray();
        int first = Arrays.mismatch(wanted, actual);
        if (first < 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("expected %s at PA 0x%x, got %s (first difference at PA 0x%x)",
                expect.bytes(), expect.pa(), HEX.formatHex(actual), expect.pa() + first));
    }

    private static String byteCount(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private Optional<String> fault(long pa) {
        try {
            byte[] value = host.read(pa, 1);
            return Optional.of(String.format("expected a fault on a Non-secure read at PA 0x%x, got %s",
                    pa, HEX.formatHex(value)));
        } catch (PhysicalAccessException e) {
            return Optional.empty();
        }
    }
}
