package org.micasim.policy.parse;

import java.util.List;
import java.util.Optional;
import org.micasim.policy.check.Diagnostic;

/** The outcome of reading a source: the tree (absent after a syntax error) and every diagnostic. */
public record ParseResult<T>(Optional<T> value, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return Diagnostic.anyError(diagnostics);
    }
}
