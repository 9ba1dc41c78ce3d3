package org.micasim.policy.ast;

import java.util.Objects;

/**
 * Where a piece of source text lies: 1-based line and column of its first character, and the line
 * and column just after its last character. Line 0 means "the whole file" (for example a file that
 * cannot be read), and is rendered without a position.
 */
public record SourceSpan(String file, int line, int col, int endLine, int endCol) {
    public SourceSpan {
        Objects.requireNonNull(file, "file is null");
        if (line < 0 || col < 0 || endLine < 0 || endCol < 0) {
            throw new IllegalArgumentException("negative position in span of " + file);
        }
        if (line > 0 && col < 1) {
            throw new IllegalArgumentException("column must be >= 1 when a line is given");
        }
    }

    /** A span standing for a whole file, without a position. */
    public static SourceSpan wholeFile(String file) {
        return new SourceSpan(file, 0, 0, 0, 0);
    }

    /** A span that spans from the start of {@code first} to the end of {@code last}. */
    public static SourceSpan covering(SourceSpan first, SourceSpan last) {
        return new SourceSpan(first.file, first.line, first.col, last.endLine, last.endCol);
    }

    /** The span used in ASTs compared without locations. */
    public static final SourceSpan NONE = wholeFile("");

    public boolean hasPosition() {
        return line > 0;
    }

    /** {@code FILE:LINE:COL}, or {@code FILE} when the span has no position. */
    public String position() {
        return hasPosition() ? file + ":" + line + ":" + col : file;
    }

    /** {@code LINE:COL}, for referring to a second location in the same file. */
    public String lineCol() {
        return line + ":" + col;
    }
}
