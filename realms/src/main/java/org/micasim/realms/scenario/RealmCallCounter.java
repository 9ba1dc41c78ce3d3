package org.micasim.realms.scenario;

import java.util.function.LongSupplier;
import org.micasim.realms.trace.MachineObserver;
import org.micasim.rmm.RmmExtension;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.RealmExitFilter;
import org.micasim.rmm.rec.Rec;

/**
 * An observer installed into the RMM like an extension: it sees every SMC a realm makes (before the RMM
 * handles it, never blocking it) and reports it to the run's {@link MachineObserver}; it also keeps the
 * RMM state for side-effect-free inspection by the stepper. It changes nothing in the RMM.
 */
final class RealmCallCounter implements RmmExtension, RealmExitFilter {
    private final MachineObserver observer;
    private LongSupplier cycles = () -> 0;
    private RmmState rmm;
    private final java.util.List<RsiListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told about each realm SMC before the RMM handles it (the stepper's stops). */
    @FunctionalInterface
    interface RsiListener {
        void rsi(Rd rd, Rec rec, long fid);
    }

    void addListener(RsiListener l) {
        listeners.add(l);
    }

    RealmCallCounter(MachineObserver observer) {
        this.observer = observer;
    }

    /** Where the current cycle count comes from (set once the machine exists). */
    void cycles(LongSupplier source) {
        this.cycles = source;
    }

    @Override
    public void install(RmmState state) {
        this.rmm = state;
        state.addExitFilter(this);
    }

    @Override
    public boolean allowRealmSmc(Rd rd, Rec rec, long fid) {
        observer.rsiCall(0, cycles.getAsLong(), fid);
        for (RsiListener l : listeners) {
            l.rsi(rd, rec, fid);
        }
        return true;
    }

    /** The RMM's state, for read-only inspection. */
    RmmState rmm() {
        return rmm;
    }
}
