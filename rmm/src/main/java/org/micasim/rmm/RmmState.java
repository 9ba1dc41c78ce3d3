package org.micasim.rmm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.granule.GranuleTable;
import org.micasim.rmm.measurement.MeasurementEngine;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.realm.VmidSet;
import org.micasim.rmm.rec.RealmExitFilter;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rmi.RmiDispatcher;
import org.micasim.rmm.rsi.RealmTokenIssuer;
import org.micasim.rmm.rsi.RsiDispatcher;
import org.micasim.rmm.rtt.RttMemory;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.timing.EventKind;

/**
 * Everything one booted RMM instance owns: the hardware services, the granule table, realms and RECs
 * keyed by granule PA, VMIDs, the dispatch tables and the extension hooks. One per machine; no static
 * state.
 *
 * <p>Several PEs may be inside the RMM at once (one host thread per PE). The realm and REC maps are
 * concurrent maps; an {@link Rd} or {@link Rec} found in them is used under the lock of its granule, as
 * the handlers take them (docs/abi.md, "Concurrency"). The dispatch tables, listeners and filters are
 * filled at boot and only read afterwards.
 */
public final class RmmState {
    private final FirmwareServices services;
    private final RmmConfig config;
    private final GranuleTable granules;
    private final RttMemory rtts;
    private final MeasurementEngine measurement;
    private final RmmEl3Interface el3;
    private final VmidSet vmids;
    private final ConcurrentSkipListMap<Long, Rd> realms = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Rec> recs = new ConcurrentSkipListMap<>();
    private final List<RealmLifecycleListener> lifecycleListeners = new ArrayList<>();
    private final List<RealmExitFilter> exitFilters = new ArrayList<>();
    private final RmiDispatcher rmi;
    private final RsiDispatcher rsi;
    private RealmTokenIssuer tokenIssuer;
    private final QuiesceGate quiesce = new QuiesceGate();

    public RmmState(FirmwareServices services, RmmConfig config) {
        this.services = services;
        this.config = config;
        this.granules = new GranuleTable(config.dram());
        this.rtts = new RttMemory(services, granules);
        this.measurement = new MeasurementEngine(services.events());
        this.el3 = new RmmEl3Interface(services);
        this.vmids = new VmidSet(config.vmidBits());
        this.rmi = new RmiDispatcher();
        this.rsi = new RsiDispatcher(services.events());
    }

    /**
     * The quiesce gate (a simulator facility, not part of the modelled firmware): holding it closed with
     * {@code lock()} stops all RMI activity, so the RMM can be read at rest. RMI calls themselves run under
     * TF-RMM's per-granule locks and pass this gate as readers, in parallel.
     */
    public QuiesceGate lock() {
        return quiesce;
    }

    public FirmwareServices services() {
        return services;
    }

    public RmmConfig config() {
        return config;
    }

    public GranuleTable granules() {
        return granules;
    }

    public RttMemory rtts() {
        return rtts;
    }

    public MeasurementEngine measurement() {
        return measurement;
    }

    public RmmEl3Interface el3() {
        return el3;
    }

    public VmidSet vmids() {
        return vmids;
    }

    /** The RMI dispatch table; extensions register extra commands here. */
    public RmiDispatcher rmi() {
        return rmi;
    }

    /** The RSI dispatch table; extensions register extra commands here. */
    public RsiDispatcher rsi() {
        return rsi;
    }

    /** The realm of RD granule {@code rd}, which the caller holds locked in state RD. */
    public Rd realmOf(Granule rd) {
        return realms.get(rd.pa());
    }

    /** The REC of REC granule {@code rec}, which the caller holds locked in state REC. */
    public Rec recOf(Granule rec) {
        return recs.get(rec.pa());
    }

    /**
     * The realm whose RD granule is at {@code pa}, or null (not aligned, not delegable, not RD). Takes no
     * lock: for readers at rest (tools, tests, the invariant checker).
     */
    public Rd rdAt(long pa) {
        return granules.findInState(pa, GranuleState.RD) == null ? null : realms.get(pa);
    }

    /** The REC whose granule is at {@code pa}, or null. Takes no lock, as {@link #rdAt}. */
    public Rec recAt(long pa) {
        return granules.findInState(pa, GranuleState.REC) == null ? null : recs.get(pa);
    }

    public void addRealm(Rd rd) {
        realms.put(rd.pa(), rd);
    }

    public void removeRealm(Rd rd) {
        realms.remove(rd.pa());
    }

    public void addRec(Rec rec) {
        recs.put(rec.pa(), rec);
    }

    public void removeRec(Rec rec) {
        recs.remove(rec.pa());
    }

    /** The RECs of {@code rd} in PA order. */
    public List<Rec> recsOf(Rd rd) {
        List<Rec> l = new ArrayList<>();
        for (Rec r : recs.values()) {
            if (r.owner() == rd) {
                l.add(r);
            }
        }
        return l;
    }

    /** Every REC in REC PA order (read-only snapshot; for invariant checking). */
    public List<Rec> recs() {
        return Collections.unmodifiableList(new ArrayList<>(recs.values()));
    }

    /** Realms in RD PA order (read-only). */
    public List<Rd> realms() {
        return Collections.unmodifiableList(new ArrayList<>(realms.values()));
    }

    public void addLifecycleListener(RealmLifecycleListener l) {
        lifecycleListeners.add(l);
    }

    public List<RealmLifecycleListener> lifecycleListeners() {
        return Collections.unmodifiableList(lifecycleListeners);
    }

    public void addExitFilter(RealmExitFilter f) {
        exitFilters.add(f);
    }

    public List<RealmExitFilter> exitFilters() {
        return Collections.unmodifiableList(exitFilters);
    }

    /** The issuer of attestation tokens, or null if this platform has no attestation support. */
    public RealmTokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    public void setTokenIssuer(RealmTokenIssuer issuer) {
        this.tokenIssuer = issuer;
    }

    /**
     * Zeroes a Realm granule (TF-RMM {@code granule_memzero}) so it may return to DELEGATED; the zeroing is
     * charged once, as ZERO_BYTES by the memory service.
     */
    public void scrub(Granule g) {
        try {
            services.zeroGranule(Pas.REALM, g.pa());
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("scrubbing a Realm granule failed", e);
        }
        // zeroGranule charges the ZERO_BYTES itself (the DC ZVA loop is the hardware's work)
    }

    /** Reads RMM-owned Realm memory; an access fault is a panic. */
    public byte[] readRealm(long pa, int len) {
        byte[] b = new byte[len];
        try {
            services.read(Pas.REALM, pa, b, 0, len);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("reading Realm memory failed", e);
        }
        services.events().event(EventKind.COPY_BYTES, len);
        return b;
    }

    /** Writes RMM-owned Realm memory; an access fault is a panic. */
    public void writeRealm(long pa, byte[] b) {
        try {
            services.write(Pas.REALM, pa, b, 0, b.length);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("writing Realm memory failed", e);
        }
        services.events().event(EventKind.COPY_BYTES, b.length);
    }
}
