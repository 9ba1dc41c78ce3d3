package org.micasim.rmm.mica;

import java.util.Optional;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;

/**
 * The Mica changes to the standard RMI commands (mica.md §2.3, §2.5): REALM_CREATE starts the realm with
 * no PD, dummy page or policy; REALM_ACTIVATE records (RD, RIM) in the realm-metadata table;
 * REALM_DESTROY removes the realm's metadata and SGT tuples and releases its PD and dummy page;
 * DATA_DESTROY of a shared IPA removes its SGT tuple and keeps the page while other realms share it;
 * RTT_MAP_UNPROTECTED is refused where an uploaded policy does not allow host-shared memory; RTT_SET_RIPAS
 * leaves shared IPAs at RIPAS RAM.
 */
final class MicaLifecycle implements RealmLifecycleListener {
    private final MicaState m;
    private final RmmState s;

    MicaLifecycle(MicaState m) {
        this.m = m;
        this.s = m.rmm();
    }

    @Override
    public void realmCreated(Rd rd) {
        m.lock();
        try {
            // A new RD may reuse the PA of a destroyed one: start from clean Mica fields.
            m.forgetRealm(rd.pa());
            m.realm(rd.pa());
        } finally {
            m.unlock();
        }
    }

    @Override
    public void realmActivated(Rd rd) {
        m.lock();
        try {
            // A full table leaves the realm without an entry; its upload then fails with EIDENTITY.
            m.metadata().register(rd.pa(), MeasurementValue.of(rd.rim()));
        } finally {
            m.unlock();
        }
    }

    /** Called with the RD locked; its PD and dummy page are released after the Mica lock (DATA after RD). */
    @Override
    public void realmDestroyed(Rd rd) {
        long pd;
        long dummy;
        m.lock();
        try {
            m.metadata().remove(rd.pa());
            if (!m.sgt().removeRealm(rd.pa()).isEmpty()) {
                m.persistSgt();
            }
            MicaRealm r = m.realm(rd.pa());
            pd = r.pd();
            dummy = r.dummy();
            m.forgetRealm(rd.pa());
        } finally {
            m.unlock();
        }
        release(pd);
        release(dummy);
    }

    @Override
    public boolean mayMapUnprotected(Rd rd, long ipa, int level) {
        m.lock();
        try {
            return m.realm(rd.pa()).mayMapUnprotected(ipa, RttGeometry.size(level));
        } finally {
            m.unlock();
        }
    }

    /** A shared IPA keeps RIPAS RAM: a change would recreate it with the RMM's read-write attributes. */
    @Override
    public boolean mayChangeRipas(Rd rd, long ipa, int level) {
        long size = RttGeometry.size(level);
        m.lock();
        try {
            return m.sgt().entriesOf(rd.pa()).stream().noneMatch(e -> Long.compareUnsigned(e.gpa() - ipa, size) < 0);
        } finally {
            m.unlock();
        }
    }

    /**
     * Called with the last-level RTT locked. The SGT is updated under the Mica lock; a shared page whose
     * last sharer this was is released afterwards (DATA after RTT).
     */
    @Override
    public boolean releasesDestroyedData(Rd rd, long ipa, long pa) {
        long real;
        boolean lastSharer;
        m.lock();
        try {
            Optional<SgtEntry> tuple = m.sgt().remove(rd.pa(), ipa);
            if (tuple.isEmpty()) {
                return true;
            }
            m.persistSgt();
            real = tuple.get().pa();
            lastSharer = !m.sgt().isShared(real);
        } finally {
            m.unlock();
        }
        if (real != pa) {
            // The IPA still mapped the dummy page: the real page is mapped nowhere through this tuple.
            if (lastSharer) {
                release(real);
            }
            return false;
        }
        return lastSharer;
    }

    /** Scrubs a Mica-held DATA granule and returns it to DELEGATED, with its lock (no Mica lock held). */
    private void release(long pa) {
        if (pa == 0) {
            return;
        }
        Granule g = s.granules().find(pa);
        if (g == null) {
            return;
        }
        g.lock();
        try {
            if (g.state() == GranuleState.DATA) {
                s.scrub(g);
                g.transition(GranuleState.DELEGATED);
            }
        } finally {
            g.unlock();
        }
    }
}
