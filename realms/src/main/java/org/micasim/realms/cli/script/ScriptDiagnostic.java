package org.micasim.realms.cli.script;

import java.util.Objects;

/**
 * A reason the script is malformed, at a 1-based line and column of a named source.
 *
 * @param file    the source as the user named it
 * @param line    1-based line
 * @param column  1-based column
 * @param message what was found and what was expected there
 */
public record ScriptDiagnostic(String file, int line, int column, String message) {
    public ScriptDiagnostic {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(message, "message is null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** {@code FILE:LINE:COL: message}, the form editors and compilers use. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
