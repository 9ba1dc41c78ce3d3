package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.realms.cli.script.ParseResult;
import org.micasim.realms.cli.script.ScriptParser;

/**
 * Writes executed steps as an smc-script (docs/smc-script.md): every call with an {@code expect} of the
 * status it returned, every write, and {@code expect-fault} for accesses that faulted. The result is
 * checked with the smc-script parser itself, so what the fuzzer prints is what {@code mica smc-script}
 * accepts.
 */
final class ScriptRenderer {
    private ScriptRenderer() {
    }

    static String render(List<String> header, List<Execution.Step> steps, Optional<Execution.Failure> failure) {
        List<String> lines = new ArrayList<>();
        for (String h : header) {
            lines.add("# " + h);
        }
        for (int i = 0; i < steps.size(); i++) {
            Execution.Step s = steps.get(i);
            boolean failing = failure.isPresent() && failure.get().step() == i;
            lines.addAll(failing && s.op() instanceof FuzzOp.Probe p ? p.render(0, "") : lines(s));
            if (failing) {
                lines.add("# ^ " + failure.get().kind() + ": " + failure.get().detail().replace('\n', ' '));
            }
        }
        String text = String.join("\n", lines) + "\n";
        ParseResult parsed = ScriptParser.parse("fuzz.smc", text);
        if (!parsed.diagnostics().isEmpty()) {
            throw new IllegalStateException("the fuzzer rendered a script the smc-script parser rejects: "
                + parsed.diagnostics() + "\n" + text);
        }
        return text;
    }

    private static List<String> lines(Execution.Step s) {
        FuzzOp op = s.op();
        if (op instanceof FuzzOp.Smc smc) {
            if (s.status().startsWith("0x") || s.status().equals("exception")) {
                return List.of(smc.render(s.x0(), s.status()).get(0), "# ^ returned " + s.status());
            }
            return smc.render(s.x0(), s.status());
        }
        if (op instanceof FuzzOp.Probe p) {
            return s.status().equals(Execution.FAULT) ? p.render(0, s.status())
                : List.of("# a Non-secure read of " + FuzzOp.hex(p.pa()) + " went through");
        }
        if (s.status().equals(Execution.FAULT)) {
            long pa = op instanceof FuzzOp.Write w ? w.pa() : op instanceof FuzzOp.RealmParams r ? r.pa()
                : ((FuzzOp.RecParams) op).pa();
            return List.of("expect-fault " + FuzzOp.hex(pa) + "    # the host's write here faults");
        }
        return op.render(s.x0(), s.status());
    }
}
