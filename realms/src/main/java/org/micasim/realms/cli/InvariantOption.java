package org.micasim.realms.cli;

import java.io.PrintWriter;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.realms.platform.InvariantWatch;
import picocli.CommandLine.Option;

/**
 * {@code --check-invariants}, shared by {@code mica run}, {@code mica step} and {@code mica smc-script}:
 * the RMM's invariants checked after every RMI call of every machine the command boots
 * ({@link DefaultPlatform#checkInvariants}). Off, nothing changes; on, the output is the same (the check
 * is read-only), a violation stops the command with {@link #EXIT_VIOLATED}, and a clean run ends with one
 * summary line on standard error.
 */
public final class InvariantOption {
    /** Exit status of a command stopped by a broken invariant, the same for every command. */
    public static final int EXIT_VIOLATED = 4;

    @Option(names = "--check-invariants",
            description = "After every RMI call, check the RMM's invariants (docs/security.md; a realm's RSI calls"
                    + " are checked when the REC_ENTER that ran them returns). Stop at the first violation with"
                    + " exit status " + EXIT_VIOLATED + "; otherwise end with a one-line summary on standard error.")
    private boolean enabled;

    private final InvariantWatch watch = new InvariantWatch();

    public boolean enabled() {
        return enabled;
    }

    /** {@code platform}, with the checks when the option is on. */
    public DefaultPlatform apply(DefaultPlatform platform) {
        return enabled ? platform.checkInvariants(watch) : platform;
    }

    /** Prints {@code v} (the call, then each broken invariant; no stack trace) and returns the exit status. */
    public int violated(PrintWriter out, PrintWriter err, String prefix, InvariantViolation v) {
        out.flush();
        err.println(prefix + v.report());
        err.flush();
        return EXIT_VIOLATED;
    }

    /** When on, the closing line: how many checks ran, none violated. */
    public void summary(PrintWriter out, PrintWriter err) {
        if (enabled) {
            out.flush();
            err.println(watch.summary());
            err.flush();
        }
    }
}
