package org.micasim.policy.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.PolicyChecker;
import org.micasim.policy.codec.PolicyCompiler;
import org.micasim.policy.codec.PolyPayload;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/**
 * One policy run through the whole front end: its syntax tree (absent after a syntax error), every
 * diagnostic, and its compiled payload (present exactly when there is no error).
 */
public record PolicyUnit(Optional<Policy> policy, List<Diagnostic> diagnostics, Optional<PolyPayload> payload) {
    public PolicyUnit {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Parses, checks and compiles {@code source}. */
    public static PolicyUnit of(SourceFile source) {
        ParseResult<Policy> parsed = PolicyParser.parsePolicy(source);
        return of(parsed.value(), parsed.diagnostics());
    }

    /** Checks and compiles an already parsed policy, keeping the parser's diagnostics first. */
    public static PolicyUnit of(Optional<Policy> policy, List<Diagnostic> parseDiagnostics) {
        List<Diagnostic> all = new ArrayList<>(parseDiagnostics);
        if (policy.isEmpty()) {
            return new PolicyUnit(policy, all, Optional.empty());
        }
        boolean syntaxOk = !Diagnostic.anyError(parseDiagnostics);
        all.addAll(PolicyChecker.check(policy.get()));
        Optional<PolyPayload> payload = syntaxOk && !Diagnostic.anyError(all)
                ? Optional.of(PolicyCompiler.compile(policy.get()))
                : Optional.empty();
        return new PolicyUnit(policy, all, payload);
    }

    public boolean hasErrors() {
        return Diagnostic.anyError(diagnostics);
    }
}
