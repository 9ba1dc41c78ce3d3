package org.micasim.policy.check;

import java.util.Objects;
import org.micasim.policy.ast.SourceSpan;

/**
 * One problem found in a source file, rendered {@code FILE:LINE:COL: error: message}.
 */
public record Diagnostic(Severity severity, DiagnosticCode code, SourceSpan span, String message) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(span, "span is null");
        Objects.requireNonNull(message, "message is null");
    }

    /** Source lines longer than this are not echoed under the message. */
    private static final int MAX_EXCERPT = 200;

    public static Diagnostic error(DiagnosticCode code, SourceSpan span, String message) {
        return new Diagnostic(Severity.ERROR, code, span, message);
    }

    public static Diagnostic warning(DiagnosticCode code, SourceSpan span, String message) {
        return new Diagnostic(Severity.WARNING, code, span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE:COL: error: message} (or {@code FILE: error: message} without a position). */
    public String render() {
        return span.position() + ": " + severity.label() + ": " + message;
    }

    /**
     * The rendered diagnostic followed by the offending source line and a caret under its column,
     * when the line is known.
     */
    public String render(String sourceText) {
        String head = render();
        if (!span.hasPosition() || sourceText == null) {
            return head;
        }
        String[] lines = sourceText.split("\r\n|\r|\n", -1);
        if (span.line() > lines.length) {
            return head;
        }
        String line = lines[span.line() - 1];
        if (line.length() > MAX_EXCERPT) {
            return head;
        }
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < span.col() - 1 && i < line.length(); i++) {
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return head + System.lineSeparator() + line + System.lineSeparator() + caret;
    }

    /** Whether any diagnostic in {@code diagnostics} is an error. */
    public static boolean anyError(Iterable<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }
}
