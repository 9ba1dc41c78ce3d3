package org.micasim.realms.host;

import java.util.Map;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.SmcResult;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * An untrusted, KVM-like Non-secure hypervisor: it reaches the RMM only by SMC (RMI) and touches only
 * Non-secure memory. It builds a realm from a {@link RealmImage}, runs it (the REC_ENTER loop, handling
 * every exit kind) and tears it down, undelegating everything it delegated.
 *
 * <p>Realm layout: IPA width 40 with two concatenated level-1 root RTTs; the image at IPA 0 (where REC 0
 * starts), protected RAM after it (RIPAS RAM, backed by DATA_CREATE_UNKNOWN on first touch); unprotected
 * IPAs from 2^39 (unmapped ones are emulated MMIO).
 */
public final class RealmHost {
    /** IPA width of realms this host builds. */
    public static final int S2SZ = 40;
    /** Starting level of their RTTs. */
    public static final int LEVEL_START = 1;
    /** Concatenated root RTTs for that geometry. */
    public static final int NUM_ROOTS = 2;
    /** FWB MemAttr Normal WB and S2AP RW for unprotected mappings of shared NS memory. */
    public static final long NS_ATTRS = (0b110L << 2) | (0b11L << 6);
    /** Upper bound of REC exits one {@link #run} handles before giving up. */
    public static final long DEFAULT_EXIT_LIMIT = 1_000_000;

    private final HostCpu cpu;
    private final GranulePool pool;
    private final long paramsPage;
    private final long recParamsPage;
    private final long srcPage;

    public RealmHost(HostCpu cpu, GranulePool pool) {
        this.cpu = cpu;
        this.pool = pool;
        this.paramsPage = pool.allocate();
        this.recParamsPage = pool.allocate();
        this.srcPage = pool.allocate();
    }

    /** The host CPU (for host-side memory access). */
    public HostCpu cpu() {
        return cpu;
    }

    SmcResult call(RmiCommand cmd, long... args) {
        return cpu.smc(cmd.fid(), args);
    }

    private SmcResult ok(RmiCommand cmd, long... args) {
        SmcResult r = call(cmd, args);
        if (r.x0() != 0) {
            throw new HostRmiException(cmd + " failed: " + RmiReturn.format(r.x0()));
        }
        return r;
    }

    void write(long pa, byte[] b) {
        try {
            cpu.write(pa, b);
        } catch (PhysicalAccessException e) {
            throw new HostRmiException("host write failed: " + e.getMessage());
        }
    }

    byte[] read(long pa, int len) {
        try {
            return cpu.read(pa, len);
        } catch (PhysicalAccessException e) {
            throw new HostRmiException("host read failed: " + e.getMessage());
        }
    }

    private long delegate(HostedRealm r) {
        long pa = pool.allocate();
        ok(RmiCommand.RMI_GRANULE_DELEGATE, pa);
        r.delegated.add(pa);
        return pa;
    }

    /**
     * Builds and activates a realm: RD and root RTTs, RTTs for the image and RAM, DATA_CREATE (measured)
     * of every image granule, RTT_INIT_RIPAS over the RAM, the RECs, REALM_ACTIVATE.
     */
    public HostedRealm build(RealmImage image) {
        return build(image, S2SZ, java.util.List.of());
    }

    /**
     * Builds and activates a realm with an IPA width of {@code ipaWidth} bits (40..48: level-1 start with
     * 2^(w-39) concatenated roots up to 43 bits, one level-0 root above) and RIPAS RAM also over each
     * protected range {base, top} of {@code extraRam} (channel windows), measured in that order after the
     * image's RAM.
     */
    public HostedRealm build(RealmImage image, int ipaWidth, java.util.List<long[]> extraRam) {
        if (ipaWidth < 40 || ipaWidth > 48) {
            throw new IllegalArgumentException("IPA width must be 40..48 bits, got " + ipaWidth);
        }
        int startLevel = ipaWidth <= 43 ? 1 : 0;
        int numRoots = ipaWidth <= 43 ? 1 << (ipaWidth - 39) : 1;
        long rttBase = pool.allocateContiguous(numRoots);
        long rd = pool.allocate();
        HostedRealm r = new HostedRealm(rd, rttBase, numRoots, ipaWidth, startLevel);
        for (int i = 0; i < numRoots; i++) {
            ok(RmiCommand.RMI_GRANULE_DELEGATE, rttBase + i * 0x1000L);
            r.delegated.add(rttBase + i * 0x1000L);
        }
        ok(RmiCommand.RMI_GRANULE_DELEGATE, rd);
        r.delegated.add(rd);
        RmiRealmParams p = new RmiRealmParams(0, ipaWidth, 0, 1, 1, 0, image.hashAlgo(), image.rpv(), image.vmid(),
            rttBase, startLevel, numRoots);
        write(paramsPage, p.encode());
        ok(RmiCommand.RMI_REALM_CREATE, rd, paramsPage);
        byte[] img = image.imageGranules();
        for (int off = 0; off < img.length; off += 0x1000) {
            ensureTables(r, off, 3);
            byte[] chunk = java.util.Arrays.copyOfRange(img, off, off + 0x1000);
            write(srcPage, chunk);
            long data = delegate(r);
            ok(RmiCommand.RMI_DATA_CREATE, rd, data, off, srcPage, 1);
            r.data.add((long) off);
        }
        long ramTop = img.length + image.ramGranules() * 0x1000L;
        for (long addr = img.length; addr < ramTop; ) {
            ensureTables(r, addr, 3);
            addr = ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, addr, ramTop).x1();
        }
        for (long[] range : extraRam) {
            for (long addr = range[0]; addr < range[1]; ) {
                ensureTables(r, addr, 3);
                addr = ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, addr, range[1]).x1();
            }
        }
        for (int i = 0; i < image.recs(); i++) {
            createRec(r, i);
        }
        ok(RmiCommand.RMI_REALM_ACTIVATE, rd);
        return r;
    }

    private void createRec(HostedRealm r, int i) {
        long mpidr = (i % 16) | ((long) (i / 16) << 8);
        long rec = delegate(r);
        RmiRecParams rp = RmiRecParams.zero().with("flags", i == 0 ? RmiRecParams.FLAG_RUNNABLE : 0)
            .with("mpidr", mpidr).with("pc", 0).with("num_aux", 16);
        for (int a = 0; a < 16; a++) {
            rp = rp.with("aux" + a, delegate(r));
        }
        write(recParamsPage, rp.encode());
        ok(RmiCommand.RMI_REC_CREATE, r.rd, rec, recParamsPage);
        r.recs.add(rec);
        r.mpidrs.add(mpidr);
        r.runs.add(pool.allocate());
    }

    /** Creates the missing RTTs from the start level + 1 down to {@code level} for {@code ipa}. */
    void ensureTables(HostedRealm r, long ipa, int level) {
        for (int l = r.startLevel + 1; l <= level; l++) {
            long covered = 1L << (12 + 9 * (3 - l + 1));
            long key = ipa & ~(covered - 1);
            if (!r.rtts[l].containsKey(key)) {
                long rtt = delegate(r);
                ok(RmiCommand.RMI_RTT_CREATE, r.rd, rtt, key, l);
                r.rtts[l].put(key, rtt);
            }
        }
    }

    /** Maps unprotected {@code ipa} of the realm to Non-secure granule {@code nsPa} (shared memory). */
    public void mapUnprotected(HostedRealm r, long ipa, long nsPa) {
        ensureTables(r, ipa, 3);
        ok(RmiCommand.RMI_RTT_MAP_UNPROTECTED, r.rd, ipa, 3, nsPa | NS_ATTRS);
        r.unprotected.put(ipa, 3);
    }

    /** Runs the realm with an echoing host-call handler and no devices. */
    public RunOutcome run(HostedRealm r) {
        return run(r, HostCallHandler.ECHO, MmioHandler.NONE, DEFAULT_EXIT_LIMIT);
    }

    /**
     * Runs the realm's RECs round-robin (REC 0 first; others once a PSCI CPU_ON brought them up) until
     * the realm turns itself off, every REC is off, an SError arrives or {@code maxExits} exits passed.
     */
    public RunOutcome run(HostedRealm r, HostCallHandler hostCalls, MmioHandler mmio, long maxExits) {
        return new RecScheduler(this, r, hostCalls, mmio).run(maxExits);
    }

    /**
     * A REC_ENTER loop for {@code r} that the caller advances one exit at a time, so that a host can
     * interleave several realms on one PE ({@link RecScheduler#step}).
     */
    public RecScheduler scheduler(HostedRealm r, HostCallHandler hostCalls, MmioHandler mmio) {
        return new RecScheduler(this, r, hostCalls, mmio);
    }

    /** Issues RMI command {@code cmd} and returns X0..X4, whatever the status (for callers that check it). */
    public SmcResult rmi(RmiCommand cmd, long... args) {
        return call(cmd, args);
    }

    /** A granule from the host's pool, delegated to the Realm PAS and owned by {@code r} for teardown. */
    public long delegateFor(HostedRealm r) {
        return delegate(r);
    }

    /** One REC_ENTER of REC {@code i} with the given entry; returns the exit, or null if the realm is off. */
    RmiRecExit enter(HostedRealm r, int i, RmiRecEnter enter) {
        long run = r.runs.get(i);
        write(run + RmiRecRun.OFFSET_ENTER, enter.encode());
        SmcResult res = call(RmiCommand.RMI_REC_ENTER, r.recs.get(i), run);
        RmiReturn ret = RmiReturn.unpack(res.x0()).orElseThrow(
            () -> new HostRmiException("RMI_REC_ENTER returned " + RmiReturn.format(res.x0())));
        if (ret.status() == RmiStatus.RMI_ERROR_REALM && ret.index() == 1) {
            return null;
        }
        if (ret.status() != RmiStatus.RMI_SUCCESS) {
            throw new HostRmiException("RMI_REC_ENTER failed: " + ret);
        }
        return RmiRecExit.decode(read(run + RmiRecRun.OFFSET_EXIT, RmiRecExit.SIZE));
    }

    /** Backs protected {@code ipa} with a fresh DATA granule (DATA_CREATE_UNKNOWN), creating RTTs. */
    public void populate(HostedRealm r, long ipa) {
        long page = ipa & ~0xFFFL;
        ensureTables(r, page, 3);
        long data = delegate(r);
        ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN, r.rd, data, page);
        r.data.add(page);
    }

    /** Completes a PSCI request of REC {@code caller} for target {@code mpidr} with SUCCESS. */
    int psciComplete(HostedRealm r, int caller, long mpidr) {
        int target = r.mpidrs.indexOf(mpidr);
        if (target < 0) {
            throw new HostRmiException(String.format("realm asked about unknown MPIDR 0x%x", mpidr));
        }
        ok(RmiCommand.RMI_PSCI_COMPLETE, r.recs.get(caller), r.recs.get(target), 0);
        return target;
    }

    /**
     * Applies the realm's RIPAS change [base, top) with RTT_SET_RIPAS, creating RTTs where the walk stops
     * early; returns true if the whole range changed.
     */
    boolean setRipas(HostedRealm r, int rec, long base, long top) {
        long addr = base;
        while (addr < top) {
            SmcResult res = call(RmiCommand.RMI_RTT_SET_RIPAS, r.rd, r.recs.get(rec), addr, top);
            RmiReturn ret = RmiReturn.unpack(res.x0()).orElseThrow();
            if (ret.status() == RmiStatus.RMI_SUCCESS) {
                addr = res.x1();
            } else if (ret.status() == RmiStatus.RMI_ERROR_RTT && ret.index() < 3) {
                ensureTables(r, addr, ret.index() + 1);
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Tears the realm down: DATA_DESTROY every populated IPA, unmap unprotected IPAs, RTT_DESTROY from the
     * leaves up, REC_DESTROY, REALM_DESTROY, then undelegates every granule it delegated.
     */
    public void destroy(HostedRealm r) {
        for (long ipa : r.data) {
            ok(RmiCommand.RMI_DATA_DESTROY, r.rd, ipa);
        }
        for (Map.Entry<Long, Integer> e : r.unprotected.entrySet()) {
            ok(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, r.rd, e.getKey(), e.getValue());
        }
        for (int l = 3; l > r.startLevel; l--) {
            for (long ipa : r.rtts[l].keySet()) {
                ok(RmiCommand.RMI_RTT_DESTROY, r.rd, ipa, l);
            }
        }
        for (long rec : r.recs) {
            ok(RmiCommand.RMI_REC_DESTROY, rec);
        }
        ok(RmiCommand.RMI_REALM_DESTROY, r.rd);
        for (long pa : r.delegated) {
            ok(RmiCommand.RMI_GRANULE_UNDELEGATE, pa);
        }
        r.destroyed = true;
    }

    static boolean isPsci(long fid, RsiCommand... cmds) {
        for (RsiCommand c : cmds) {
            if (c.fid() == fid) {
                return true;
            }
        }
        return false;
    }
}
