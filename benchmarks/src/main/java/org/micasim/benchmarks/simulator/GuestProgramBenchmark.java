package org.micasim.benchmarks.simulator;

import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.guest.RealmTrap;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.guest.TrapKind;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.s2.S2Descriptor;
import org.micasim.simulator.s2.Vtcr;
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
 * End to end: a realm program doing 8-byte loads over 16 pages, on its vCPU thread, preempted by the host
 * timer every {@link #SLICE} instructions. One invocation is one RMI call from the host that runs the vCPU
 * for one time slice (SMC, world switch, REC entry, the loads, the IRQ exit, back to NS), so the score is
 * guest loads per microsecond including every hand-off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuestProgramBenchmark {
    private static final int SLICE = 100_000;
    private static final long RUN = 0xC400_015CL;
    private static final long TABLES = 0x8800_0000L;
    private static final long IMAGE = 0x8900_0000L;

    private Machine machine;

    /** Builds the realm on the first RMI call, then runs the vCPU for one slice on each. */
    private static final class BenchFirmware implements RealmFirmware {
        private FirmwareServices services;
        private RealmVcpu vcpu;

        @Override
        public void boot(FirmwareServices services) {
            this.services = services;
        }

        @Override
        public void handleRmi(SmcContext call) {
            try {
                if (vcpu == null) {
                    setUpRealm();
                }
                RealmTrap t = vcpu.run();
                call.setX(0, t.kind() == TrapKind.IRQ ? 0 : 1);
            } catch (PhysicalAccessException e) {
                call.setX(0, 2);
            }
        }

        private void setUpRealm() throws PhysicalAccessException {
            for (long g = TABLES; g < TABLES + 4 * 4096; g += 4096) {
                services.monitorCall(SmcFid.RMM_GTSI_DELEGATE, g);
                services.zeroGranule(Pas.REALM, g);
            }
            services.write64(Pas.REALM, TABLES, S2Descriptor.table(TABLES + 0x1000));
            services.write64(Pas.REALM, TABLES + 0x1000, S2Descriptor.table(TABLES + 0x2000));
            services.write64(Pas.REALM, TABLES + 0x2000, S2Descriptor.table(TABLES + 0x3000));
            byte[] image = GuestImage.granules("load-loop", new byte[0]);
            for (int p = 0; p < 17; p++) {
                long pa = IMAGE + p * 4096L;
                services.monitorCall(SmcFid.RMM_GTSI_DELEGATE, pa);
                services.zeroGranule(Pas.REALM, pa);
                services.write64(Pas.REALM, TABLES + 0x3000 + p * 8L, S2Descriptor.page(pa));
            }
            services.write(Pas.REALM, IMAGE, image, 0, image.length);
            vcpu = services.createVcpu(0, new long[8]);
            vcpu.setStage2(TABLES | (1L << 48), Vtcr.encode(40, 0, 40));
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        GuestProgramRegistry programs = new GuestProgramRegistry();
        programs.register("load-loop", () -> cpu -> {
            long sum = 0;
            for (long i = 0; ; i++) {
                sum += cpu.load64(0x1000 + ((i & 0x1FFF) << 3));
                if (sum == 42) {
                    cpu.store64(0x1000, sum);
                }
            }
        });
        machine = Machine.builder().firmware(new BenchFirmware()).guestPrograms(programs).vcpuTimeslice(SLICE).build();
        machine.boot();
        if (machine.host(0).smc(RUN).x0() != 0) {
            throw new IllegalStateException("the realm did not start");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machine.close();
    }

    /** One time slice of guest loads, with the RMI round trip and REC entry/exit around it. */
    @Benchmark
    @OperationsPerInvocation(SLICE)
    public long guestLoads(SimulatedCycles cycles) {
        long t0 = machine.cycles(0);
        try {
            return machine.host(0).smc(RUN).x0();
        } finally {
            cycles.addAll(machine.cycles(0) - t0, SLICE);
        }
    }
}
