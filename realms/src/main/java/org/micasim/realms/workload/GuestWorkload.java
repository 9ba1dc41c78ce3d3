package org.micasim.realms.workload;

import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestProgram;
import org.micasim.simulator.guest.GuestProgramRegistry;

/**
 * Runs a catalogued program inside a realm: its channels are IPA ranges reached through the guest's
 * loads and stores (so through stage 2, the TLB and the granule protection check), and it waits for its
 * peer by yielding the PE to the host with RSI_HOST_CALL (immediate {@link #YIELD_IMMEDIATE}), as a
 * guest kernel would block on a doorbell interrupt.
 */
public final class GuestWorkload implements GuestProgram {
    /** RSI_HOST_CALL function ID (DEN0137 §B5.3.4). */
    public static final long RSI_HOST_CALL = 0xC400_0199L;
    /** The RsiHostCall immediate by which a workload asks the host to run its peers ("YI"). */
    public static final int YIELD_IMMEDIATE = 0x5949;
    /** Parameter naming the 256-byte-aligned IPA of the realm's RsiHostCall structure. */
    public static final String HOST_CALL_PARAMETER = "hostcall";

    private final ProgramSpec spec;

    public GuestWorkload(ProgramSpec spec) {
        this.spec = spec;
    }

    /** Registers every program of {@code catalog} in {@code registry}. */
    public static GuestProgramRegistry registerAll(WorkloadCatalog catalog, GuestProgramRegistry registry) {
        for (ProgramSpec p : catalog.all().values()) {
            registry.register(p.name(), () -> new GuestWorkload(p));
        }
        return registry;
    }

    @Override
    public void run(GuestCpu cpu) {
        WorkloadParameters parameters = WorkloadParameters.decode(cpu.parameters());
        long hostCall = parameters.getLong(HOST_CALL_PARAMETER);
        BoundRealm realm = new BoundRealm(spec, parameters, (base, length) -> new GuestMemory(cpu, base, length),
                why -> yieldToHost(cpu, hostCall), cpu::compute);
        spec.factory().get().run(realm);
    }

    private static void yieldToHost(GuestCpu cpu, long hostCallIpa) {
        cpu.store64(hostCallIpa, YIELD_IMMEDIATE);
        long[] r = cpu.smc(RSI_HOST_CALL, hostCallIpa);
        if (r[0] != 0) {
            throw new IllegalStateException(String.format("RSI_HOST_CALL failed with status 0x%x", r[0]));
        }
    }

    /** A channel region as the guest reaches it: loads and stores at base IPA + offset. */
    private record GuestMemory(GuestCpu cpu, long base, long size) implements ChannelMemory {
        @Override
        public long load64(long offset) {
            return cpu.load64(base + offset);
        }

        @Override
        public void store64(long offset, long value) {
            cpu.store64(base + offset, value);
        }

        @Override
        public void load(long offset, byte[] dst, int off, int len) {
            cpu.load(base + offset, dst, off, len);
        }

        @Override
        public void store(long offset, byte[] src, int off, int len) {
            cpu.store(base + offset, src, off, len);
        }
    }
}
