package org.micasim.realms.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the untrusted host knows about one realm it built: granule addresses it delegated and the IPAs it
 * populated (a KVM-like host keeps the same bookkeeping). The RMM's own state is not visible here.
 */
public final class HostedRealm {
    final long rd;
    final long rttBase;
    final int numRoots;
    final List<Long> recs = new ArrayList<>();
    final List<Long> runs = new ArrayList<>();
    final List<Long> mpidrs = new ArrayList<>();
    /** Every granule delegated for this realm, in delegation order. */
    final List<Long> delegated = new ArrayList<>();
    /** RTTs by (level, IPA of the range they cover), created in this order. */
    final TreeMap<Long, Long>[] rtts;
    /** Protected IPAs backed by DATA granules. */
    final TreeSet<Long> data = new TreeSet<>();
    /** Unprotected IPAs mapped to NS memory, with the level. */
    final TreeMap<Long, Integer> unprotected = new TreeMap<>();
    final int ipaWidth;
    final int startLevel;
    boolean destroyed;

    @SuppressWarnings("unchecked")
    HostedRealm(long rd, long rttBase, int numRoots, int ipaWidth, int startLevel) {
        this.rd = rd;
        this.rttBase = rttBase;
        this.numRoots = numRoots;
        this.ipaWidth = ipaWidth;
        this.startLevel = startLevel;
        this.rtts = new TreeMap[4];
        for (int i = 0; i < 4; i++) {
            rtts[i] = new TreeMap<>();
        }
    }

    /** The RD granule's PA. */
    public long rd() {
        return rd;
    }

    /** REC granule PAs, REC 0 first. */
    public List<Long> recs() {
        return Collections.unmodifiableList(recs);
    }

    /** The RmiRecRun granule of REC {@code i}. */
    public long run(int i) {
        return runs.get(i);
    }

    /** Every granule the host delegated for this realm (a copy). */
    public List<Long> delegatedGranules() {
        return List.copyOf(delegated);
    }

    /** The first unprotected IPA. */
    public long unprotectedBase() {
        return 1L << (ipaWidth - 1);
    }

    public boolean destroyed() {
        return destroyed;
    }
}
