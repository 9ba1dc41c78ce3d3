package org.micasim.realms.cli.script;

import java.util.List;
import java.util.Objects;

/**
 * A parsed smc-script: its statements in source order, ready to run.
 *
 * @param file       the source as the user named it, for messages
 * @param statements the executable lines
 */
public record Script(String file, List<Statement> statements) {
    public Script {
        Objects.requireNonNull(file, "file is null");
        statements = List.copyOf(statements);
    }
}
