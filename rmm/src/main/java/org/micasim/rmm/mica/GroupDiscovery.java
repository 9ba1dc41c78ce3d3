package org.micasim.rmm.mica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the group a realm attests for (mica.md §5.2): breadth-first search over the bipartite graph
 * realm -(SGT entry)- page -(SGT entry)- realm, from the caller, visiting pages and realms in SGT order.
 * The group is therefore exactly the set of realms physically sharing protected pages with the caller,
 * directly or transitively.
 */
public final class GroupDiscovery {
    /** Largest group, as published. */
    public static final int MAX_GROUP = 8;

    private GroupDiscovery() {
    }

    /**
     * The caller's group in discovery order, caller first; empty if more than {@code max} realms are
     * connected (the published RMM stops at 8 and attests a partial group; mica-sim refuses, so that an
     * extra sharer can never be hidden, see docs/mica.md).
     */
    public static Optional<List<Long>> discover(SharedGranuleTable sgt, long callerRd, int max) {
        SgtIndex ix = sgt.index();
        Set<Long> members = new LinkedHashSet<>();
        boolean[] pages = new boolean[ix.paGroups()];
        Deque<Long> queue = new ArrayDeque<>();
        members.add(callerRd);
        queue.add(callerRd);
        while (!queue.isEmpty()) {
            int g = ix.rdGroupOf(queue.poll());
            for (int own = g == SgtIndex.NONE ? SgtIndex.NONE : ix.firstOfRealm(g); own != SgtIndex.NONE;
                    own = ix.nextOfSameRealm(own)) {
                int page = ix.paGroupAt(own);
                if (pages[page]) {
                    continue;
                }
                pages[page] = true;
                for (int e = ix.firstWithPa(page); e != SgtIndex.NONE; e = ix.nextWithSamePa(e)) {
                    long rd = sgt.entryAt(e).rd();
                    if (members.add(rd)) {
                        if (members.size() > max) {
                            return Optional.empty();
                        }
                        queue.add(rd);
                    }
                }
            }
        }
        return Optional.of(new ArrayList<>(members));
    }
}
