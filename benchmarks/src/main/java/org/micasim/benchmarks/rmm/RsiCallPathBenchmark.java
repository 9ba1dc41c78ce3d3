package org.micasim.benchmarks.rmm;

import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.realms.host.GranulePool;
import org.micasim.realms.host.HostedRealm;
import org.micasim.realms.host.RealmHost;
import org.micasim.realms.host.RealmImage;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.guest.GuestProgramRegistry;
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
 * Host-JVM time of RSI calls through REC_ENTER: one benchmark operation is one RMI_REC_ENTER in which the
 * realm guest makes {@code rsiCalls} inline RSI calls of the chosen kind and then exits with
 * RSI_HOST_CALL. With 0 inline calls it measures the bare REC_ENTER/exit round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RsiCallPathBenchmark {
    @Param({"RSI_VERSION", "RSI_MEASUREMENT_READ", "RSI_MEASUREMENT_EXTEND", "RSI_IPA_STATE_GET"})
    public String rsi;

    @Param({"0", "1", "16"})
    public int rsiCalls;

    private Machine machine;
    private HostCpu host;
    private HostedRealm realm;

    private static long[] args(RsiCommand c) {
        switch (c) {
            case RSI_VERSION:
                return new long[] {0x10000};
            case RSI_MEASUREMENT_READ:
                return new long[] {0};
            case RSI_MEASUREMENT_EXTEND:
                return new long[] {1, 32, 1, 2, 3, 4};
            case RSI_IPA_STATE_GET:
                return new long[] {0x1000, 0x10000};
            default:
                throw new IllegalArgumentException("no benchmark arguments for " + c);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        RsiCommand c = RsiCommand.byName(rsi).orElseThrow();
        long[] a = args(c);
        int n = rsiCalls;
        GuestProgramRegistry programs = new GuestProgramRegistry().register("rsi-loop", () -> cpu -> {
            cpu.store64(0x2000, 0);
            while (true) {
                for (int i = 0; i < n; i++) {
                    cpu.smc(c.fid(), a);
                }
                cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), 0x2000);
            }
        });
        machine = DefaultPlatform.builder().guestPrograms(programs).vcpuTimeslice(Long.MAX_VALUE / 4).build();
        host = machine.host(0);
        RealmHost vmm = new RealmHost(host, new GranulePool(0x9000_0000L, 0x1000_0000L));
        realm = vmm.build(RealmImage.of("rsi-loop", new byte[0], 1));
        vmm.populate(realm, 0x2000);
        for (int i = 0; i < 8; i++) {
            enter();
        }
    }

    /** One REC_ENTER of REC 0 (the guest's host call completes on the next one). */
    private long enter() {
        try {
            host.write(realm.run(0), RmiRecEnter.ofFlags(0).encode());
        } catch (PhysicalAccessException e) {
            throw new IllegalStateException(e);
        }
        return host.smc(RmiCommand.RMI_REC_ENTER.fid(), realm.recs().get(0), realm.run(0)).x0();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    @Benchmark
    public long recEnterWithInlineRsi(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return enter();
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }
}
