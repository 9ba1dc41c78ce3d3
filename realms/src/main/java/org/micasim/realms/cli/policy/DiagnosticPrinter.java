package org.micasim.realms.cli.policy;

import java.io.PrintWriter;
import java.util.Map;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.parse.SourceFile;

/** Prints diagnostics as {@code FILE:LINE:COL: error: message}, each followed by its source line and a caret. */
final class DiagnosticPrinter {
    private final PrintWriter err;

    DiagnosticPrinter(PrintWriter err) {
        this.err = err;
    }

    /** Prints all of {@code diagnostics}; returns whether one of them is an error. */
    boolean print(Iterable<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
        boolean error = false;
        for (Diagnostic d : diagnostics) {
            SourceFile source = sources.get(d.span().file());
            err.println(d.render(source == null ? null : source.text()));
            error |= d.isError();
        }
        err.flush();
        return error;
    }

    /** A problem with a file as a whole: {@code FILE: error: message}. */
    void fileError(String file, String message) {
        err.println(file + ": error: " + message);
        err.flush();
    }
}
