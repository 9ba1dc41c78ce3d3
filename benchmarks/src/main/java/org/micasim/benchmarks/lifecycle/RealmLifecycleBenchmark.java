package org.micasim.benchmarks.lifecycle;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole realm lifecycle through RMI with {@code sizeMiB} of measured data, as the untrusted host does
 * it: GRANULE_DELEGATE the RD and two RTT roots, REALM_CREATE, RTT_CREATE of the level-2 and level-3
 * tables, then per 4 KiB page the host writes the page's bytes into its NS source granule,
 * GRANULE_DELEGATE and DATA_CREATE (RMI_MEASURE_CONTENT); REC_CREATE with 16 aux granules,
 * REALM_ACTIVATE; and back: DATA_DESTROY of every page, RTT_DESTROY (leaves first), REC_DESTROY,
 * REALM_DESTROY, GRANULE_UNDELEGATE of every granule. Each call is a full SMC from NS-EL2 through EL3 to
 * the RMM and back. {@code sizeMiB} = 1 is the 256-page lifecycle of the speed target; compare with
 * {@link org.micasim.benchmarks.floor.HostFloorBenchmark} at the same size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// A lifecycle crosses most of the RMM; the JIT needs about six one-second iterations to settle (measured:
// 6.1, 5.0, 4.2, 2.1, 2.0, 1.5 ms per op at 1 MiB, then steady), so warm-up is longer than elsewhere.
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class RealmLifecycleBenchmark {
    private static final long PAGE = 0x1000;
    private static final long DATA = 0x9000_0000L;
    private static final long META = 0xA000_0000L;
    private static final long PARAMS = 0x8000_0000L;
    private static final long REC_PARAMS = 0x8000_1000L;
    private static final long SRC = 0x8000_2000L;

    @Param({"1", "16", "64", "256"})
    public int sizeMiB;

    private Machine machine;
    private HostCpu host;
    private byte[][] pages;

    @Setup(Level.Trial)
    public void setUp() {
        machine = DefaultPlatform.builder().build();
        host = machine.host(0);
        pages = new byte[sizeMiB * 256][(int) PAGE];
        for (int p = 0; p < pages.length; p++) {
            for (int i = 0; i < PAGE; i++) {
                pages[p][i] = (byte) (p * 7 + i * 31 + (i >>> 6));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    private void ok(RmiCommand c, long... args) {
        long x0 = host.smc(c.fid(), args).x0();
        if (x0 != 0) {
            throw new IllegalStateException(c + " failed with " + x0);
        }
    }

    @Benchmark
    public long buildAndDestroy(SimulatedCycles cycles) throws PhysicalAccessException {
        long before = machine.cycles(0);
        int n = pages.length;
        int l3Tables = (n + 511) / 512;
        long roots = META;
        long rd = META + 2 * PAGE;
        long l2 = rd + PAGE;
        long l3 = l2 + PAGE;
        long rec = l3 + l3Tables * PAGE;
        long aux = rec + PAGE;
        long last = aux + 16 * PAGE;
        for (long g = roots; g < last; g += PAGE) {
            ok(RmiCommand.RMI_GRANULE_DELEGATE, g);
        }
        host.write(PARAMS, RmiRealmParams.zero().with("s2sz", 40).with("num_bps", 1).with("num_wps", 1)
                .with("rtt_base", roots).with("rtt_level_start", 1).with("rtt_num_start", 2).with("vmid", 1).encode());
        ok(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
        ok(RmiCommand.RMI_RTT_CREATE, rd, l2, 0, 2);
        for (int t = 0; t < l3Tables; t++) {
            ok(RmiCommand.RMI_RTT_CREATE, rd, l3 + t * PAGE, t * 512 * PAGE, 3);
        }
        for (int p = 0; p < n; p++) {
            host.write(SRC, pages[p]);
            ok(RmiCommand.RMI_GRANULE_DELEGATE, DATA + p * PAGE);
            ok(RmiCommand.RMI_DATA_CREATE, rd, DATA + p * PAGE, p * PAGE, SRC, 1);
        }
        RmiRecParams rp = RmiRecParams.zero().with("num_aux", 16).with("flags", 1);
        for (int i = 0; i < 16; i++) {
            rp = rp.with("aux" + i, aux + i * PAGE);
        }
        host.write(REC_PARAMS, rp.encode());
        ok(RmiCommand.RMI_REC_CREATE, rd, rec, REC_PARAMS);
        ok(RmiCommand.RMI_REALM_ACTIVATE, rd);
        for (int p = 0; p < n; p++) {
            ok(RmiCommand.RMI_DATA_DESTROY, rd, p * PAGE);
            ok(RmiCommand.RMI_GRANULE_UNDELEGATE, DATA + p * PAGE);
        }
        for (int t = 0; t < l3Tables; t++) {
            ok(RmiCommand.RMI_RTT_DESTROY, rd, t * 512 * PAGE, 3);
        }
        ok(RmiCommand.RMI_RTT_DESTROY, rd, 0, 2);
        ok(RmiCommand.RMI_REC_DESTROY, rec);
        ok(RmiCommand.RMI_REALM_DESTROY, rd);
        for (long g = roots; g < last; g += PAGE) {
            ok(RmiCommand.RMI_GRANULE_UNDELEGATE, g);
        }
        cycles.add(before, machine.cycles(0));
        return rd;
    }
}
