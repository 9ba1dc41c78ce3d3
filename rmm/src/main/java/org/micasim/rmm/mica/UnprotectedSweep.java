package org.micasim.rmm.mica;

import java.util.List;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.S2Context;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * Removes host-shared mappings a realm may no longer keep (mica.md §2.5): walks the RTTs of the
 * unprotected half of the IPA space and turns every ASSIGNED_NS entry (page or block) that does not lie
 * entirely inside an allowed range into UNASSIGNED_NS, then invalidates the realm's TLB entries once.
 * The published prototype walks every 4 KiB page of the unprotected half; walking the tables visits only
 * what exists. The caller holds the realm's RD; each table is locked before it is read, a child while its
 * parent is held (root to leaf, as TF-RMM's walks), and released when its subtree is done.
 */
final class UnprotectedSweep {
    private final RmmState s;

    UnprotectedSweep(RmmState s) {
        this.s = s;
    }

    /** Unmaps what lies outside {@code allowed}; returns the number of entries removed. */
    int sweep(Rd rd, List<IpaRange> allowed) {
        S2Context ctx = rd.s2();
        long half = 1L << (ctx.ipaWidth() - 1);
        long rootSpan = RttGeometry.size(ctx.startLevel()) * RttGeometry.ENTRIES;
        int removed = 0;
        for (int t = 0; t < ctx.numRootRtts(); t++) {
            long base = t * rootSpan;
            if (base + rootSpan <= half) {
                continue;
            }
            long root = ctx.rttBase() + (long) t * 4096;
            s.rtts().lockTable(root);
            try {
                removed += sweepTable(root, ctx.startLevel(), base, half, allowed);
            } finally {
                s.rtts().unlockTable(root);
            }
        }
        if (removed > 0) {
            s.services().tlbiVmid(ctx.vmid());
        }
        return removed;
    }

    private int sweepTable(long rtt, int level, long base, long half, List<IpaRange> allowed) {
        long size = RttGeometry.size(level);
        long[] entries = s.rtts().readAll(rtt);
        int removed = 0;
        for (int i = 0; i < entries.length; i++) {
            long ipa = base + i * size;
            if (ipa + size <= half) {
                continue;
            }
            S2tteState st = S2tte.state(entries[i], level);
            if (st == S2tteState.TABLE) {
                long child = S2tte.oa(entries[i]);
                s.rtts().lockTable(child);
                try {
                    removed += sweepTable(child, level + 1, ipa, half, allowed);
                } finally {
                    s.rtts().unlockTable(child);
                }
            } else if (st == S2tteState.ASSIGNED_NS && !inside(ipa, size, allowed)) {
                s.rtts().write(rtt, i, S2tte.createUnassignedNs());
                removed++;
            }
        }
        return removed;
    }

    private static boolean inside(long ipa, long size, List<IpaRange> allowed) {
        return allowed.stream().anyMatch(r -> r.contains(ipa) && r.contains(ipa + size - 1));
    }
}
