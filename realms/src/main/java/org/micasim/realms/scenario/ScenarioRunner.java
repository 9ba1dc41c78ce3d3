package org.micasim.realms.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.simulator.timing.TimingProfile;
import org.micasim.simulator.trace.TraceListener;

/**
 * Runs a scenario in its mode and then in each of its baselines, each on a fresh machine, and returns
 * one {@link RunReport} per run.
 */
public final class ScenarioRunner {
    /** REC exits one run may take before the host gives up. */
    public static final long DEFAULT_MAX_EXITS = 1_000_000;

    private final WorkloadCatalog catalog;
    private boolean recordTrace;
    private boolean baselines = true;
    private long maxExits = DEFAULT_MAX_EXITS;
    private final List<TraceListener> listeners = new ArrayList<>();
    private Consumer<Double> progress;
    private UnaryOperator<DefaultPlatform> platform = UnaryOperator.identity();

    public ScenarioRunner(WorkloadCatalog catalog) {
        this.catalog = catalog;
    }

    /** Records trace slices for a Chrome trace (costs memory). */
    public ScenarioRunner recordTrace(boolean on) {
        this.recordTrace = on;
        return this;
    }

    /** Whether to run the scenario's baselines after its own mode. */
    public ScenarioRunner baselines(boolean on) {
        this.baselines = on;
        return this;
    }

    public ScenarioRunner maxExits(long n) {
        this.maxExits = n;
        return this;
    }

    /** Adds a listener to every run's machine trace (the stepper's breakpoints). */
    public ScenarioRunner listener(TraceListener l) {
        listeners.add(l);
        return this;
    }

    /** Receives the fraction of realms finished during the app phase. */
    public ScenarioRunner progress(Consumer<Double> p) {
        this.progress = p;
        return this;
    }

    /**
     * Adjusts each run's platform before it boots: {@code --check-invariants} adds the invariant checks
     * ({@link DefaultPlatform#checkInvariants}), a test may put a broken RMM behind EL3. The adjustment must
     * keep the platform's memory map and processing elements, which the run relies on.
     */
    public ScenarioRunner platform(UnaryOperator<DefaultPlatform> adjust) {
        this.platform = adjust;
        return this;
    }

    /** The timing profile a scenario names: {@code default} or a profile file. */
    public static TimingProfile profile(Scenario s) throws ScenarioException {
        if (s.profile().equals("default")) {
            return TimingProfile.defaultProfile();
        }
        try {
            return TimingProfile.load(Path.of(s.profile()));
        } catch (IOException e) {
            throw new ScenarioException(s.source() + ": profile: cannot read '" + s.profile() + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    /** Runs {@code s} and its baselines. */
    public List<RunReport> run(Scenario s) throws ScenarioException {
        TimingProfile profile = profile(s);
        List<RunReport> out = new ArrayList<>();
        out.add(session(s, profile).run());
        if (baselines) {
            for (TransportMode m : s.baselines()) {
                out.add(session(s.inMode(m), profile).run());
            }
        }
        return out;
    }

    /** A session for one run of {@code s} in its own mode (for the stepper). */
    RunSession session(Scenario s, TimingProfile profile) {
        return new RunSession(s, catalog, profile, recordTrace, listeners, maxExits, progress).platform(platform);
    }
}
