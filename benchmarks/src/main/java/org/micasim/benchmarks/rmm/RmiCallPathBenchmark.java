package org.micasim.benchmarks.rmm;

import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host-JVM time of each RMI command's whole call path on the simulated machine: SMC from NS-EL2, EL3
 * world switch, the RMM handler (checks, GTSI, RTT walks, hashing) and the return. Commands that change
 * state are measured in do/undo pairs so every invocation starts from the same state. Simulated cycles
 * per operation are the auxiliary counters simCycles / simOps ({@link SimulatedCycles}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RmiCallPathBenchmark {
    private static final long PARAMS = 0x8000_0000L;
    private static final long REC_PARAMS = 0x8000_1000L;
    private static final long SRC = 0x8000_2000L;
    private static final long UNPROTECTED = 1L << 39;
    private static final long NS_ATTRS = (0b110L << 2) | (0b11L << 6);

    private Machine machine;
    private HostCpu host;
    private long next = 0x8100_0000L;
    private long rd;
    private long spare;
    private long spareRd;
    private long spareRoots;
    private long spareRec;

    private long granule() {
        long pa = next;
        next += 0x1000;
        return pa;
    }

    private long delegated() {
        long pa = granule();
        ok(RmiCommand.RMI_GRANULE_DELEGATE, pa);
        return pa;
    }

    private long ok(RmiCommand c, long... args) {
        long x0 = host.smc(c.fid(), args).x0();
        if (x0 != 0) {
            throw new IllegalStateException(c + " failed: " + x0);
        }
        return x0;
    }

    private void write(long pa, byte[] b) throws PhysicalAccessException {
        host.write(pa, b);
    }

    private RmiRealmParams params(long roots, int vmid) {
        return RmiRealmParams.zero().with("s2sz", 40).with("num_bps", 1).with("num_wps", 1).with("rtt_base", roots)
            .with("rtt_level_start", 1).with("rtt_num_start", 2).with("vmid", vmid);
    }

    @Setup(Level.Trial)
    public void setUp() throws PhysicalAccessException {
        machine = DefaultPlatform.builder().build();
        host = machine.host(0);
        long roots = next;
        delegated();
        delegated();
        rd = delegated();
        write(PARAMS, params(roots, 1).encode());
        ok(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
        ok(RmiCommand.RMI_RTT_CREATE, rd, delegated(), 0, 2);
        ok(RmiCommand.RMI_RTT_CREATE, rd, delegated(), 0, 3);
        ok(RmiCommand.RMI_RTT_CREATE, rd, delegated(), UNPROTECTED, 2);
        ok(RmiCommand.RMI_RTT_CREATE, rd, delegated(), UNPROTECTED, 3);
        write(SRC, new byte[4096]);
        spare = delegated();
        next = (next + 0x1FFF) & ~0x1FFFL;
        spareRoots = next;
        delegated();
        delegated();
        spareRd = delegated();
        spareRec = delegated();
        RmiRecParams rp = RmiRecParams.zero().with("num_aux", 16).with("flags", 1);
        for (int i = 0; i < 16; i++) {
            rp = rp.with("aux" + i, delegated());
        }
        write(REC_PARAMS, rp.encode());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    @Benchmark
    public long version(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return host.smc(RmiCommand.RMI_VERSION.fid(), 0x10000).x0();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long features(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return host.smc(RmiCommand.RMI_FEATURES.fid(), 0).x1();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long recAuxCount(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return host.smc(RmiCommand.RMI_REC_AUX_COUNT.fid(), rd).x1();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long rttReadEntry(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return host.smc(RmiCommand.RMI_RTT_READ_ENTRY.fid(), rd, 0x1000, 3).x2();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long granuleUndelegateDelegate(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_GRANULE_UNDELEGATE, spare);
            return ok(RmiCommand.RMI_GRANULE_DELEGATE, spare);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long dataCreateDestroy(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_DATA_CREATE, rd, spare, 0x1000, SRC, 1);
            return ok(RmiCommand.RMI_DATA_DESTROY, rd, 0x1000);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long dataCreateUnknownDestroy(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN, rd, spare, 0x2000);
            return ok(RmiCommand.RMI_DATA_DESTROY, rd, 0x2000);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long rttCreateDestroy(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_RTT_CREATE, rd, spare, 0x20_0000, 3);
            return ok(RmiCommand.RMI_RTT_DESTROY, rd, 0x20_0000, 3);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long rttCreateFold(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_RTT_CREATE, rd, spare, 0x40_0000, 3);
            return ok(RmiCommand.RMI_RTT_FOLD, rd, 0x40_0000, 3);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long rttInitRipas(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return host.smc(RmiCommand.RMI_RTT_INIT_RIPAS.fid(), rd, 0x10000, 0x20000).x1();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long mapUnmapUnprotected(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, rd, UNPROTECTED, 3, 0x8000_3000L | NS_ATTRS);
            return ok(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, rd, UNPROTECTED, 3);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long realmCreateActivateDestroy(SimulatedCycles cycles) throws PhysicalAccessException {
        long t0 = machine.cycles(0);
        try {
            write(PARAMS, params(spareRoots, 2).encode());
            ok(RmiCommand.RMI_REALM_CREATE, spareRd, PARAMS);
            ok(RmiCommand.RMI_REALM_ACTIVATE, spareRd);
            return ok(RmiCommand.RMI_REALM_DESTROY, spareRd);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }

    @Benchmark
    public long recCreateDestroy(SimulatedCycles cycles) throws PhysicalAccessException {
        long t0 = machine.cycles(0);
        try {
            write(PARAMS, params(spareRoots, 2).encode());
            ok(RmiCommand.RMI_REALM_CREATE, spareRd, PARAMS);
            ok(RmiCommand.RMI_REC_CREATE, spareRd, spareRec, REC_PARAMS);
            ok(RmiCommand.RMI_REC_DESTROY, spareRec);
            return ok(RmiCommand.RMI_REALM_DESTROY, spareRd);
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }
}
