package org.micasim.rmm.rmi;

import java.util.OptionalLong;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;

/**
 * Homogeneity of an RTT and the parent entry it folds into.
 *
 * @spec Arm DEN0137 1.0-rel0 §A5.5.6 (homogeneous RTT), §B4.3.17
 */
final class RttFold {
    private RttFold() {
    }

    /**
     * The entry that replaces the TABLE entry when the RTT at {@code level} holding {@code entries} is
     * folded, or empty if the RTT is not homogeneous: all UNASSIGNED with one RIPAS, all UNASSIGNED_NS,
     * or (child level 2 or 3) all ASSIGNED with one RIPAS, or all ASSIGNED_NS with identical attributes,
     * mapping contiguous PAs starting at a PA aligned to the parent entry's size.
     */
    static OptionalLong foldedEntry(long[] entries, int level) {
        S2tteState st = S2tte.state(entries[0], level);
        for (long e : entries) {
            if (S2tte.state(e, level) != st) {
                return OptionalLong.empty();
            }
        }
        return switch (st) {
            case UNASSIGNED -> sameRipas(entries) ? OptionalLong.of(S2tte.createUnassigned(S2tte.ripas(entries[0])))
                : OptionalLong.empty();
            case UNASSIGNED_NS -> OptionalLong.of(S2tte.createUnassignedNs());
            case ASSIGNED -> foldAssigned(entries, level);
            case ASSIGNED_NS -> foldAssignedNs(entries, level);
            case TABLE -> OptionalLong.empty();
        };
    }

    private static boolean sameRipas(long[] entries) {
        RmiRipas r = S2tte.ripas(entries[0]);
        for (long e : entries) {
            if (S2tte.ripas(e) != r) {
                return false;
            }
        }
        return true;
    }

    private static boolean contiguous(long[] entries, int level) {
        long base = S2tte.oa(entries[0]);
        if (level < 2 || !RttGeometry.isAligned(base, level - 1)) {
            return false;
        }
        long size = RttGeometry.size(level);
        for (int i = 0; i < entries.length; i++) {
            if (S2tte.oa(entries[i]) != base + i * size) {
                return false;
            }
        }
        return true;
    }

    private static OptionalLong foldAssigned(long[] entries, int level) {
        if (!sameRipas(entries) || !contiguous(entries, level)) {
            return OptionalLong.empty();
        }
        // Only entries with the RMM's standard attributes fold: a narrower S2AP (Mica's read-only
        // shared pages) must not be widened into a read-write block.
        long standard = S2tte.createAssigned(S2tte.ripas(entries[0]), 0, level);
        for (long e : entries) {
            if ((e & ~S2tte.OA_MASK) != standard) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(S2tte.createAssigned(S2tte.ripas(entries[0]), S2tte.oa(entries[0]), level - 1));
    }

    private static OptionalLong foldAssignedNs(long[] entries, int level) {
        long attrs = S2tte.hostFields(entries[0]) & ~S2tte.OA_MASK;
        for (long e : entries) {
            if ((S2tte.hostFields(e) & ~S2tte.OA_MASK) != attrs) {
                return OptionalLong.empty();
            }
        }
        if (!contiguous(entries, level)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(S2tte.createAssignedNs(S2tte.hostFields(entries[0]), level - 1));
    }
}
