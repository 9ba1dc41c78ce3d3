package org.micasim.realms.cli.script;

/**
 * Something a running script found not to hold: a failed expect or a faulting Non-secure access.
 *
 * @param file    the script as the user named it
 * @param line    1-based line of the statement
 * @param message {@code expected X, got Y}, or what faulted
 */
public record ScriptFailure(String file, int line, String message) {
    /** {@code FILE:LINE: message}. */
    public String render() {
        return file + ":" + line + ": " + message;
    }
}
