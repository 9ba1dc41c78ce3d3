package org.micasim.realms.cli.script;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing: a script when every line is well-formed, otherwise the diagnostics in line order.
 *
 * @param script      present exactly when {@code diagnostics} is empty
 * @param diagnostics one per malformed line
 */
public record ParseResult(Optional<Script> script, List<ScriptDiagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        if (script.isPresent() == !diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a parse yields a script or diagnostics, not both or neither");
        }
    }

    static ParseResult of(Script script) {
        return new ParseResult(Optional.of(script), List.of());
    }

    static ParseResult failed(List<ScriptDiagnostic> diagnostics) {
        return new ParseResult(Optional.empty(), diagnostics);
    }
}
