package org.micasim.rmm;

import java.util.List;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.granule.DramBank;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.machine.SmcResult;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * A real simulated machine with our RMM at R-EL2, driven from NS-EL2 by SMC, plus helpers that build a
 * realm step by step. Every test gets a fresh one.
 */
public final class RmmTestbed implements AutoCloseable {
    /** NS scratch granules the host uses for structures. */
    public static final long PARAMS = 0x8000_0000L;
    public static final long REC_PARAMS = 0x8000_1000L;
    public static final long RUN = 0x8000_2000L;
    public static final long SRC = 0x8000_3000L;
    /** First granule the testbed hands out for delegation. */
    public static final long POOL = 0x8100_0000L;
    /** IPA width, start level and root count of the default realm (two concatenated level-1 roots). */
    public static final int S2SZ = 40;
    public static final int LEVEL_START = 1;
    public static final int NUM_ROOTS = 2;
    /** First unprotected IPA of the default realm. */
    public static final long UNPROTECTED = 1L << (S2SZ - 1);

    public final Machine machine;
    public final Rmm rmm;
    public final HostCpu host;
    private long next = POOL;

    public RmmTestbed() {
        this(new GuestProgramRegistry());
    }

    public RmmTestbed(GuestProgramRegistry programs) {
        this(programs, null, null);
    }

    /**
     * A testbed whose RMM signs tokens with {@code issuers} for the root of trust {@code platform} (both
     * may be null) and runs {@code extensions} (Mica).
     */
    public RmmTestbed(GuestProgramRegistry programs, PlatformAttestation platform, Rmm.TokenIssuerFactory issuers,
                      RmmExtension... extensions) {
        this(1, programs, platform, issuers, extensions);
    }

    /** A testbed with {@code processingElements} PEs; {@link #host} drives PE 0. */
    public RmmTestbed(int processingElements, GuestProgramRegistry programs, PlatformAttestation platform,
                      Rmm.TokenIssuerFactory issuers, RmmExtension... extensions) {
        MemoryMap map = MemoryMap.defaultPlatform();
        RmmConfig config = RmmConfig.defaults(List.of(new DramBank(MemoryMap.DEFAULT_NS_DRAM.base(),
            MemoryMap.DEFAULT_NS_DRAM.size())));
        for (RmmExtension e : extensions) {
            config = config.withExtension(e);
        }
        rmm = new Rmm(config, issuers);
        machine = Machine.builder().memoryMap(map).firmware(rmm).platformAttestation(platform)
            .guestPrograms(programs).processingElements(processingElements).build();
        machine.boot();
        host = machine.host(0);
    }

    /** Calls {@code cmd} with {@code args}. */
    public SmcResult smc(RmiCommand cmd, long... args) {
        return host.smc(cmd.fid(), args);
    }

    /** Calls {@code cmd} and returns the formatted status of X0, e.g. {@code RMI_ERROR_RTT(2)}. */
    public String status(RmiCommand cmd, long... args) {
        return RmiReturn.format(smc(cmd, args).x0());
    }

    /** Calls {@code cmd} and fails unless it succeeds. */
    public SmcResult ok(RmiCommand cmd, long... args) {
        SmcResult r = smc(cmd, args);
        if (r.x0() != 0) {
            throw new AssertionError(cmd + " failed: " + RmiReturn.format(r.x0()));
        }
        return r;
    }

    /** A fresh granule PA (not delegated). */
    public long granule() {
        long pa = next;
        next += 0x1000;
        return pa;
    }

    /** A fresh delegated granule. */
    public long delegated() {
        long pa = granule();
        ok(RmiCommand.RMI_GRANULE_DELEGATE, pa);
        return pa;
    }

    /** {@code n} fresh contiguous granules aligned to {@code n} granules, delegated. */
    public long delegatedContiguous(int n) {
        long align = n * 0x1000L;
        next = (next + align - 1) / align * align;
        long base = next;
        for (int i = 0; i < n; i++) {
            ok(RmiCommand.RMI_GRANULE_DELEGATE, granule());
        }
        return base;
    }

    public void write(long pa, byte[] data) {
        try {
            host.write(pa, data);
        } catch (PhysicalAccessException e) {
            throw new AssertionError(e);
        }
    }

    public byte[] read(long pa, int len) {
        try {
            return host.read(pa, len);
        } catch (PhysicalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The default realm parameters for root RTTs at {@code rttBase} and {@code vmid}. */
    public static RmiRealmParams params(long rttBase, int vmid) {
        return RmiRealmParams.zero().with("s2sz", S2SZ).with("num_bps", 1).with("num_wps", 1)
            .with("rtt_base", rttBase).with("rtt_level_start", LEVEL_START).with("rtt_num_start", NUM_ROOTS)
            .with("vmid", vmid).with("hash_algo", 0);
    }

    /** Creates a realm with the default parameters; returns the RD PA. */
    public long createRealm(int vmid) {
        return createRealm(params(delegatedContiguous(NUM_ROOTS), vmid));
    }

    /** Creates a realm with {@code p} (its root RTTs must be delegated); returns the RD PA. */
    public long createRealm(RmiRealmParams p) {
        long rd = delegated();
        write(PARAMS, p.encode());
        ok(RmiCommand.RMI_REALM_CREATE, rd, PARAMS);
        return rd;
    }

    /** Creates the level-2 and level-3 RTTs covering protected {@code ipa}. */
    public void mapTables(long rd, long ipa) {
        for (int level = LEVEL_START + 1; level <= 3; level++) {
            long alignMask = ~((1L << (12 + 9 * (3 - level + 1))) - 1);
            SmcResult r = smc(RmiCommand.RMI_RTT_CREATE, rd, granuleFor(), ipa & alignMask, level);
            if (r.x0() != 0 && (r.x0() & 0xFF) != 4) {
                throw new AssertionError("RTT_CREATE failed: " + RmiReturn.format(r.x0()));
            }
        }
    }

    private long granuleFor() {
        return delegated();
    }

    /** A REC params structure for {@code mpidr} with fresh aux granules, written at REC_PARAMS. */
    public RmiRecParams recParams(long mpidr, long pc, boolean runnable) {
        RmiRecParams p = RmiRecParams.zero().with("flags", runnable ? 1 : 0).with("mpidr", mpidr).with("pc", pc)
            .with("num_aux", 16);
        for (int i = 0; i < 16; i++) {
            p = p.with("aux" + i, delegated());
        }
        write(REC_PARAMS, p.encode());
        return p;
    }

    @Override
    public void close() {
        machine.close();
    }
}
