package org.micasim.benchmarks.rmm;

import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RMI_DATA_CREATE with RMI_MEASURE_CONTENT alone, per 4 KiB page: the call path from NS-EL2 through EL3
 * to the RMM and back, the copy of the source granule, the RIM extension (SHA-256 of the page and of
 * the DATA measurement descriptor). One invocation fills a whole level-3 RTT (512 pages, 2 MiB), so the
 * DATA_DESTROY calls that empty it again run in the untimed per-invocation tear-down, and the fixture's
 * own overhead is spread over 512 operations. {@link RmiCallPathBenchmark#dataCreateDestroy} measures
 * the create + destroy pair on one page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DataCreateBenchmark {
    private static final int PAGES = 512;
    private static final long PAGE = 0x1000;
    private static final long PARAMS = 0x8000_0000L;
    private static final long SRC = 0x8000_2000L;
    private static final long META = 0x9000_0000L;
    private static final long DATA = 0xA000_0000L;

    private Machine machine;
    private HostCpu host;
    private long rd;

    private void ok(RmiCommand c, long a1) {
        check(c, host.smc(c.fid(), a1).x0());
    }

    private void ok(RmiCommand c, long a1, long a2) {
        check(c, host.smc(c.fid(), a1, a2).x0());
    }

    private void ok(RmiCommand c, long a1, long a2, long a3, long a4) {
        check(c, host.smc(c.fid(), a1, a2, a3, a4).x0());
    }

    private void ok(RmiCommand c, long a1, long a2, long a3, long a4, long a5) {
        check(c, host.smc(c.fid(), a1, a2, a3, a4, a5).x0());
    }

    private static void check(RmiCommand c, long x0) {
        if (x0 != 0) {
            throw new IllegalStateException(c + " failed: " + x0);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws PhysicalAccessException {
        machine = DefaultPlatform.builder().build();
        host = machine.host(0);
        long roots = META;
        rd = META + 2 * PAGE;
        long l2 = rd + PAGE;
        long l3 = l2 + PAGE;
        for (long g = roots; g <= l3; g += PAGE) {
            ok(RmiCommand.RMI_GRANULE_DELEGATE, g);
        }
        host.write(PARAMS, RmiRealmParams.zero().with("s2sz", 40).with("num_bps", 1).with("num_wps", 1)
            .with("rtt_base", roots).with("rtt_level_start", 1).with("rtt_num_start", 2).with("vmid", 1).encode());
        ok(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
        ok(RmiCommand.RMI_RTT_CREATE, rd, l2, 0, 2);
        ok(RmiCommand.RMI_RTT_CREATE, rd, l3, 0, 3);
        for (int p = 0; p < PAGES; p++) {
            ok(RmiCommand.RMI_GRANULE_DELEGATE, DATA + p * PAGE);
        }
        byte[] content = new byte[(int) PAGE];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >>> 6));
        }
        host.write(SRC, content);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long dataCreate(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        for (int p = 0; p < PAGES; p++) {
            ok(RmiCommand.RMI_DATA_CREATE, rd, DATA + p * PAGE, p * PAGE, SRC, 1);
        }
        long t1 = machine.cycles(0);
        cycles.addAll(t1 - t0, PAGES);
        return t1;
    }

    /** Empties the RTT again, outside the timed region. */
    @TearDown(Level.Invocation)
    public void destroyAll() {
        for (int p = 0; p < PAGES; p++) {
            ok(RmiCommand.RMI_DATA_DESTROY, rd, p * PAGE);
        }
    }
}
