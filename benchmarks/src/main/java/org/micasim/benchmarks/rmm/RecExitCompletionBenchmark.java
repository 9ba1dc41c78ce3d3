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
 * Host-JVM time of the RMI commands that complete a realm's request: one operation is RMI_REC_ENTER
 * until the realm's next request plus the host's completion of it — RMI_PSCI_COMPLETE for
 * PSCI_AFFINITY_INFO, RMI_RTT_SET_RIPAS for RSI_IPA_STATE_SET (alternating EMPTY and RAM), or nothing
 * for RSI_HOST_CALL (completed by the next REC_ENTER).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecExitCompletionBenchmark {
    private static final long RIPAS_BASE = 0x8000;
    private static final long RIPAS_TOP = 0xA000;

    @Param({"PSCI_COMPLETE", "RTT_SET_RIPAS", "HOST_CALL"})
    public String completion;

    private Machine machine;
    private HostCpu host;
    private HostedRealm realm;

    @Setup(Level.Trial)
    public void setUp() {
        String kind = completion;
        GuestProgramRegistry programs = new GuestProgramRegistry().register("requests", () -> cpu -> {
            cpu.store64(0x2000, 0);
            for (long i = 0; ; i++) {
                if (kind.equals("PSCI_COMPLETE")) {
                    cpu.smc(RsiCommand.PSCI_AFFINITY_INFO_64.fid(), 1, 0);
                } else if (kind.equals("RTT_SET_RIPAS")) {
                    cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), RIPAS_BASE, RIPAS_TOP, (i + 1) & 1, 0);
                } else {
                    cpu.smc(RsiCommand.RSI_HOST_CALL.fid(), 0x2000);
                }
            }
        });
        machine = DefaultPlatform.builder().guestPrograms(programs).vcpuTimeslice(Long.MAX_VALUE / 4).build();
        host = machine.host(0);
        RealmHost vmm = new RealmHost(host, new GranulePool(0x9000_0000L, 0x1000_0000L));
        realm = vmm.build(new RealmImage("requests", new byte[0], 16, 2, 0, null, 1));
        vmm.populate(realm, 0x2000);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    @Benchmark
    public long enterAndComplete(SimulatedCycles cycles) throws PhysicalAccessException {
        long t0 = machine.cycles(0);
        try {
            host.write(realm.run(0), RmiRecEnter.ofFlags(0).encode());
            long x0 = host.smc(RmiCommand.RMI_REC_ENTER.fid(), realm.recs().get(0), realm.run(0)).x0();
            switch (completion) {
                case "PSCI_COMPLETE":
                    return x0 | host.smc(RmiCommand.RMI_PSCI_COMPLETE.fid(), realm.recs().get(0), realm.recs().get(1), 0).x0();
                case "RTT_SET_RIPAS":
                    return x0 | host.smc(RmiCommand.RMI_RTT_SET_RIPAS.fid(), realm.rd(), realm.recs().get(0), RIPAS_BASE,
                        RIPAS_TOP).x0();
                default:
                    return x0;
            }
        } finally {
            cycles.add(t0, machine.cycles(0));
        }
    }
}
