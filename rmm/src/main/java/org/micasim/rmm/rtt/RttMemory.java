package org.micasim.rmm.rtt;

import java.util.function.LongPredicate;
import org.micasim.rmm.RmmPanic;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * Reads, writes and walks RTTs where they live: in Realm-PAS granules of simulated memory, so the MMU
 * walks exactly the descriptors the RMM wrote. An access fault on an RTT is an RMM panic (the granule
 * is RTT state, so the GPT must say Realm).
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 RttWalk; TF-RMM {@code s2tt_walk_lock_unlock}
 */
public final class RttMemory {
    private final FirmwareServices services;

    public RttMemory(FirmwareServices services) {
        this.services = services;
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
