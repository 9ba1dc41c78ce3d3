package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.S2Context;
import org.micasim.rmm.rtt.S2tte;

/**
 * RMI_REALM_CREATE, RMI_REALM_ACTIVATE, RMI_REALM_DESTROY. CREATE locks the RD and the root RTTs in
 * address order; ACTIVATE and DESTROY lock the RD, DESTROY then each root RTT in turn (TF-RMM
 * {@code smc_realm_create}, {@code smc_realm_activate}, {@code smc_realm_destroy}).
 */
public final class RealmCommands {
    private static final long KNOWN_FLAGS = RmiRealmParams.FLAG_LPA2 | RmiRealmParams.FLAG_SVE
        | RmiRealmParams.FLAG_PMU;

    private final RmmState s;

    public RealmCommands(RmmState s) {
        this.s = s;
    }

    /**
     * RMI_REALM_CREATE(rd, params_ptr). Failure conditions, all RMI_ERROR_INPUT, in the spec's listed
     * order: params_align, params_bound, params_pas (and a faulting copy), params_valid, params_supp,
     * alias, rd_align, rd_bound, rd_state, rtt_align, rtt_num_level, rtt_state, vmid_valid.
     * Success: RD and the root RTTs leave DELEGATED, root entries are UNASSIGNED/EMPTY (protected half)
     * and UNASSIGNED_NS (unprotected half), RIM = RimInit(params), realm NEW, VMID reserved.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.9; rmm.md §3.5 (TF-RMM validate_realm_params)
     */
    public RmiResult create(long[] x) throws RmiError {
        long rdPa = x[1];
        long paramsPtr = x[2];
        if (!HostMemory.isNsGranule(s, paramsPtr)) {
            throw RmiError.input(); // params_align, params_bound, params_pas
        }
        RmiRealmParams p = RmiRealmParams.decode(HostMemory.read(s, paramsPtr, RmiRealmParams.SIZE));
        if ((p.flags() & ~KNOWN_FLAGS) != 0 || RmiHashAlgorithm.fromCode(p.hashAlgo()).isEmpty()) {
            throw RmiError.input(); // params_valid
        }
        if (!supported(p)) {
            throw RmiError.input(); // params_supp
        }
        long rootBytes = p.rttNumStart() * Granule.SIZE;
        if (Long.compareUnsigned(rdPa - p.rttBase(), rootBytes) < 0) {
            throw RmiError.input(); // alias
        }
        // Each granule condition is first checked in the listed order by reading the granule's state
        // without its lock (a granule seen in the wrong state fails the command there and then); the
        // granules are then locked in TF-RMM's order and checked again under their locks.
        if (s.granules().findInState(rdPa, GranuleState.DELEGATED) == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state
        }
        if (p.rttNumStart() == 0 || p.rttBase() % rootBytes != 0) {
            throw RmiError.input(); // rtt_align
        }
        if (!RttGeometry.isValidConfig(p.s2sz(), p.rttLevelStart(), p.rttNumStart())) {
            throw RmiError.input(); // rtt_num_level
        }
        int n = (int) p.rttNumStart();
        for (int i = 0; i < n; i++) {
            if (s.granules().findInState(p.rttBase() + i * Granule.SIZE, GranuleState.DELEGATED) == null) {
                throw RmiError.input(); // rtt_state
            }
        }
        if (!s.vmids().isFree(p.vmid())) {
            throw RmiError.input(); // vmid_valid
        }
        long[] pas = new long[n + 1];
        GranuleState[] expected = new GranuleState[n + 1];
        pas[0] = rdPa;
        for (int i = 0; i <= n; i++) {
            if (i > 0) {
                pas[i] = p.rttBase() + (i - 1) * Granule.SIZE;
            }
            expected[i] = GranuleState.DELEGATED;
        }
        // TF-RMM find_lock_rd_granules: the RD and the root RTTs in address order.
        Granule[] locked = s.granules().findLockAll(pas, expected);
        if (locked == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state, rtt_state
        }
        try {
            if (!s.vmids().reserve(p.vmid())) {
                throw RmiError.input(); // vmid_valid, taken meanwhile (TF-RMM vmid_reserve: an atomic bitmap)
            }
            Granule[] roots = new Granule[n];
            System.arraycopy(locked, 1, roots, 0, n);
            createEffects(locked[0], roots, p);
        } finally {
            for (Granule g : locked) {
                g.unlock();
            }
        }
        return RmiResult.success();
    }

    private void createEffects(Granule rdGranule, Granule[] roots, RmiRealmParams p) {
        S2Context s2 = new S2Context(p.s2sz(), (int) p.rttLevelStart(), roots.length, p.rttBase(), p.vmid());
        rdGranule.transition(GranuleState.RD);
        long entrySize = RttGeometry.size(s2.startLevel());
        for (int t = 0; t < roots.length; t++) {
            roots[t].transition(GranuleState.RTT);
            long[] entries = new long[RttGeometry.ENTRIES];
            for (int i = 0; i < entries.length; i++) {
                long ipa = ((long) t * RttGeometry.ENTRIES + i) * entrySize;
                entries[i] = s2.isProtected(ipa) ? S2tte.createUnassigned(RmiRipas.EMPTY) : S2tte.createUnassignedNs();
            }
            s.rtts().writeAll(roots[t].pa(), entries);
        }
        RmiHashAlgorithm algo = RmiHashAlgorithm.fromCode(p.hashAlgo()).orElseThrow();
        byte[] rim = s.measurement().rimInit(algo, p);
        Rd rd = new Rd(rdGranule, s2, algo, p.rpv(), p.flags(), p.pmuNumCtrs(), p.sveVl(), rim);
        s.addRealm(rd);
        for (RealmLifecycleListener l : s.lifecycleListeners()) {
            l.realmCreated(rd);
        }
    }

    /**
     * RealmParamsSupported: no LPA2 or SVE (not offered by RmiFeatureRegister0), IPA width within
     * 32..S2SZ, breakpoints/watchpoints 1..max, PMU counters within the maximum.
     */
    private boolean supported(RmiRealmParams p) {
        long flags = p.flags();
        if ((flags & (RmiRealmParams.FLAG_LPA2 | RmiRealmParams.FLAG_SVE)) != 0) {
            return false;
        }
        if (p.s2sz() < 32 || p.s2sz() > s.config().maxIpaWidth()) {
            return false;
        }
        if (p.numBps() == 0 || p.numBps() > s.config().numBps() || p.numWps() == 0
            || p.numWps() > s.config().numWps()) {
            return false;
        }
        return (flags & RmiRealmParams.FLAG_PMU) == 0 || p.pmuNumCtrs() <= s.config().pmuNumCtrs();
    }

    /**
     * RMI_REALM_ACTIVATE(rd). Failure conditions: rd_align, rd_bound, rd_state → RMI_ERROR_INPUT;
     * realm_state (not NEW) → RMI_ERROR_REALM. Success: realm ACTIVE.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.8
     */
    public RmiResult activate(long[] x) throws RmiError {
        Granule g = s.granules().findLock(x[1], GranuleState.RD);
        if (g == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state
        }
        try {
            Rd rd = s.realmOf(g);
            if (rd.state() != RealmState.REALM_NEW) {
                throw RmiError.realm(0); // realm_state
            }
            rd.setState(RealmState.REALM_ACTIVE);
            for (RealmLifecycleListener l : s.lifecycleListeners()) {
                l.realmActivated(rd);
            }
        } finally {
            g.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RMI_REALM_DESTROY(rd). Failure conditions: rd_align, rd_bound, rd_state → RMI_ERROR_INPUT;
     * realm_live (RECs exist or a root RTT has live entries) → RMI_ERROR_REALM. Success: root RTTs and
     * RD scrubbed and DELEGATED, VMID freed, the realm's TLB entries invalidated. Any realm state.
     *
     * @spec Arm DEN0137 1.0-rel0 §B4.3.10
     */
    public RmiResult destroy(long[] x) throws RmiError {
        Granule g = s.granules().findLock(x[1], GranuleState.RD);
        if (g == null) {
            throw RmiError.input(); // rd_align, rd_bound, rd_state
        }
        try {
            Rd rd = s.realmOf(g);
            if (isLive(rd)) {
                throw RmiError.realm(0); // realm_live
            }
            for (RealmLifecycleListener l : s.lifecycleListeners()) {
                l.realmDestroyed(rd);
            }
            S2Context s2 = rd.s2();
            for (int i = 0; i < s2.numRootRtts(); i++) {
                long rootPa = s2.rttBase() + i * Granule.SIZE;
                Granule root = s.granules().find(rootPa);
                s.rtts().lockTable(rootPa); // TF-RMM free_sl_rtts: RD, then each root in turn
                try {
                    s.scrub(root);
                    root.transition(GranuleState.DELEGATED);
                } finally {
                    root.unlock();
                }
            }
            s.services().tlbiVmid(s2.vmid());
            s.vmids().release(s2.vmid());
            s.removeRealm(rd);
            s.scrub(g);
            g.transition(GranuleState.DELEGATED);
        } finally {
            g.unlock();
        }
        return RmiResult.success();
    }

    /**
     * RealmIsLive: the realm has RECs (the RD's refcount, as TF-RMM's {@code find_lock_unused_granule}) or
     * a root RTT with TABLE or ASSIGNED entries (each root locked in turn while the RD is held, TF-RMM
     * {@code total_root_rtt_refcount}).
     */
    private boolean isLive(Rd rd) {
        if (rd.numRecs() != 0) {
            return true;
        }
        for (int i = 0; i < rd.s2().numRootRtts(); i++) {
            long rootPa = rd.s2().rttBase() + i * Granule.SIZE;
            s.rtts().lockTable(rootPa);
            int refcount = s.granules().find(rootPa).refcount();
            s.rtts().unlockTable(rootPa);
            if (refcount != 0) {
                return true;
            }
        }
        return false;
    }
}
