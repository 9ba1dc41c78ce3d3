package org.micasim.rmm.rtt;

import java.util.function.LongPredicate;
import org.micasim.rmm.RmmPanic;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.granule.GranuleTable;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * Reads, writes and walks RTTs where they live: in Realm-PAS granules of simulated memory, so the MMU
 * walks exactly the descriptors the RMM wrote. An access fault on an RTT is an RMM panic (the granule
 * is RTT state, so the GPT must say Realm).
 *
 * <p>The RMM's own walks lock the tables as TF-RMM does ({@link #lockRootAndWalk}, {@link #walkLockUnlock}):
 * hand over hand from the first root RTT down (the child locked before the parent is released), ending
 * with only the table that holds the returned entry locked. {@link #walk} takes no lock; it is for
 * quiescent readers (the invariant checker, host-side tools and tests).
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 RttWalk; TF-RMM {@code s2tt_walk_lock_unlock}
 */
public final class RttMemory {
    private final FirmwareServices services;
    private final GranuleTable granules;

    public RttMemory(FirmwareServices services, GranuleTable granules) {
        this.services = services;
        this.granules = granules;
    }

    /** Entry {@code index} of the RTT at {@code rttPa}. */
    public long read(long rttPa, int index) {
        try {
            return services.read64(Pas.REALM, rttPa + 8L * index);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("RTT read failed", e);
        }
    }

    /** Writes entry {@code index}: a single-copy-atomic 64-bit store. */
    public void write(long rttPa, int index, long value) {
        try {
            services.write64(Pas.REALM, rttPa + 8L * index, value);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("RTT write failed", e);
        }
    }

    /** Reads all 512 entries of an RTT. */
    public long[] readAll(long rttPa) {
        byte[] b = new byte[4096];
        try {
            services.read(Pas.REALM, rttPa, b, 0, b.length);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("RTT read failed", e);
        }
        long[] out = new long[RttGeometry.ENTRIES];
        for (int i = 0; i < out.length; i++) {
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = (v << 8) | (b[8 * i + k] & 0xFFL);
            }
            out[i] = v;
        }
        return out;
    }

    /** Writes all 512 entries of an RTT in one go (table initialisation, before the table is linked). */
    public void writeAll(long rttPa, long[] entries) {
        byte[] b = new byte[4096];
        for (int i = 0; i < entries.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (entries[i] >>> (8 * k));
            }
        }
        try {
            services.write(Pas.REALM, rttPa, b, 0, b.length);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("RTT write failed", e);
        }
    }

    /**
     * RttWalk(ipa, level): descends from the root through TABLE entries until {@code level} is reached
     * or an entry that is not a TABLE stops the walk; returns the last entry visited.
     */
    public RttWalkResult walk(S2Context ctx, long ipa, int level) {
        int l = ctx.startLevel();
        long rtt = ctx.rootRttFor(ipa);
        while (true) {
            int idx = RttGeometry.index(ipa, l);
            long e = read(rtt, idx);
            if (l == level || S2tte.state(e, l) != S2tteState.TABLE) {
                return new RttWalkResult(l, rtt, idx, e);
            }
            rtt = S2tte.oa(e);
            l++;
        }
    }

    /**
     * Locks the first root RTT of {@code ctx} (the caller holds the RD, or a REC of the realm is running so
     * the RD cannot go) and walks as {@link #walkLockUnlock}. TF-RMM: {@code granule_lock(g_rtt)} then
     * {@code s2tt_walk_lock_unlock}.
     */
    public RttWalkResult lockRootAndWalk(S2Context ctx, long ipa, int level) {
        lockTable(ctx.rttBase());
        return walkLockUnlock(ctx, ipa, level);
    }

    /**
     * RttWalk with TF-RMM's hand-over-hand locking ({@code s2tt_walk_lock_unlock}). The caller holds the
     * lock of the first root RTT. If {@code ipa} lies under another of the concatenated roots, that root
     * is locked and the first released (the lowest address first); then each next-level table is locked
     * before its parent is released. Returns with exactly the table holding the returned entry locked;
     * release it with {@link #unlock}.
     */
    public RttWalkResult walkLockUnlock(S2Context ctx, long ipa, int level) {
        int l = ctx.startLevel();
        long rtt = ctx.rttBase();
        long root = ctx.rootRttFor(ipa);
        if (root != rtt) {
            lockTable(root);
            unlockTable(rtt);
            rtt = root;
        }
        while (true) {
            int idx = RttGeometry.index(ipa, l);
            long e = read(rtt, idx);
            if (l == level || S2tte.state(e, l) != S2tteState.TABLE) {
                return new RttWalkResult(l, rtt, idx, e);
            }
            long next = S2tte.oa(e);
            lockTable(next);
            unlockTable(rtt);
            rtt = next;
            l++;
        }
    }

    /**
     * {@link #lockRootAndWalk} for a caller that holds a lock ordered after the RTTs (Mica's): every table
     * lock is only tried, so it never waits out of order. Returns null, holding nothing, if a table on the
     * way was busy; the caller releases its own locks and tries again later.
     */
    public RttWalkResult tryLockRootAndWalk(S2Context ctx, long ipa, int level) {
        long rtt = ctx.rttBase();
        if (!tryLockTable(rtt)) {
            return null;
        }
        long root = ctx.rootRttFor(ipa);
        if (root != rtt) {
            if (!tryLockTable(root)) {
                unlockTable(rtt);
                return null;
            }
            unlockTable(rtt);
            rtt = root;
        }
        int l = ctx.startLevel();
        while (true) {
            int idx = RttGeometry.index(ipa, l);
            long e = read(rtt, idx);
            if (l == level || S2tte.state(e, l) != S2tteState.TABLE) {
                return new RttWalkResult(l, rtt, idx, e);
            }
            long next = S2tte.oa(e);
            if (!tryLockTable(next)) {
                unlockTable(rtt);
                return null;
            }
            unlockTable(rtt);
            rtt = next;
            l++;
        }
    }

    private boolean tryLockTable(long pa) {
        Granule g = granules.lookup(pa);
        if (g == null) {
            throw new RmmPanic(String.format("0x%x is reached as an RTT but is not one", pa));
        }
        if (!g.tryLock()) {
            return false;
        }
        if (g.state() != GranuleState.RTT) {
            g.unlock();
            throw new RmmPanic(String.format("0x%x is reached as an RTT but is not one", pa));
        }
        return true;
    }

    /** Releases the table a locked walk ended in. */
    public void unlock(RttWalkResult w) {
        unlockTable(w.rttPa());
    }

    /**
     * Locks the RTT at {@code pa}, reached from a locked RD or parent table, so it must be an RTT
     * ({@code granule_lock(g, GRANULE_STATE_RTT)}; anything else is an RMM panic).
     */
    public void lockTable(long pa) {
        Granule g = granules.lookup(pa);
        if (g == null || !g.lockOnStateMatch(GranuleState.RTT)) {
            throw new RmmPanic(String.format("0x%x is reached as an RTT but is not one", pa));
        }
    }

    /** Releases the lock of the RTT at {@code pa}. */
    public void unlockTable(long pa) {
        granules.lookup(pa).unlock();
    }

    /** True for entries that count for RttSkipNonLiveEntries: ASSIGNED, ASSIGNED_NS or TABLE. */
    public static boolean isLive(long e, int level) {
        S2tteState st = S2tte.state(e, level);
        return st == S2tteState.ASSIGNED || st == S2tteState.ASSIGNED_NS || st == S2tteState.TABLE;
    }

    /**
     * RttSkipNonLiveEntries: from the entry that covers {@code ipa} in the RTT the walk ended in, the
     * address of the first live entry ({@code ipa} itself if its entry is live), or the end of that RTT's
     * range if none is.
     */
    public long skipNonLiveEntries(RttWalkResult walk, long ipa) {
        long size = RttGeometry.size(walk.level());
        long first = ipa & ~(size - 1);
        int start = walk.index();
        int live;
        try {
            live = services.scan64(Pas.REALM, walk.rttPa() + 8L * start, RttGeometry.ENTRIES - start, IS_LIVE[walk.level()]);
        } catch (PhysicalAccessException e) {
            throw new RmmPanic("RTT read failed", e);
        }
        long addr = first + live * size;
        return live < RttGeometry.ENTRIES - start ? Math.max(addr, ipa) : addr;
    }

    /** {@link #isLive} for each level 0..3, as predicates for a scan of an RTT. */
    private static final LongPredicate[] IS_LIVE = {e -> isLive(e, 0), e -> isLive(e, 1), e -> isLive(e, 2), e -> isLive(e, 3)};
}
