package org.micasim.realms.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A one-line progress bar on standard error, shown only on an interactive terminal and only once a run
 * has lasted more than a second (wall time is read here, in the CLI, never by the simulation).
 */
final class ProgressBar implements Consumer<Double> {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean shown;
    private int lastPercent = -1;

    private ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A bar that draws only when standard error is a terminal. */
    static ProgressBar forTerminal(PrintWriter err) {
        return new ProgressBar(err, System.console() != null);
    }

    @Override
    public void accept(Double fraction) {
        if (!enabled || System.nanoTime() - start < SHOW_AFTER_NANOS) {
            return;
        }
        int percent = (int) Math.round(100 * Math.max(0, Math.min(1, fraction)));
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent / 5;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + percent + "% of realms finished");
        err.flush();
        shown = true;
    }

    /** Clears the bar. */
    void done() {
        if (shown) {
            err.print("\r" + " ".repeat(48) + "\r");
            err.flush();
        }
    }
}
