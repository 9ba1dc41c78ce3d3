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
        // A new RD may reuse the PA of a destroyed one: start from clean Mica fields.
        m.forgetRealm(rd.pa());
        m.realm(rd.pa());
    }

    @Override
    public void realmActivated(Rd rd) {
        // A full table leaves the realm without an entry; its upload then fails with EIDENTITY.
        m.metadata().register(rd.pa(), MeasurementValue.of(rd.rim()));
    }

    @Override
    public void realmDestroyed(Rd rd) {
        m.metadata().remove(rd.pa());
        if (!m.sgt().removeRealm(rd.pa()).isEmpty()) {
            m.persistSgt();
        }
        MicaRealm r = m.realm(rd.pa());
        release(r.pd());
        release(r.dummy());
        m.forgetRealm(rd.pa());
    }

    @Override
    public boolean mayMapUnprotected(Rd rd, long ipa, int level) {
        return m.realm(rd.pa()).mayMapUnprotected(ipa, RttGeometry.size(level));
    }

    /** A shared IPA keeps RIPAS RAM: a change would recreate it with the RMM's read-write attributes. */
    @Override
    public boolean mayChangeRipas(Rd rd, long ipa, int level) {
        long size = RttGeometry.size(level);
        return m.sgt().entriesOf(rd.pa()).stream().noneMatch(e -> Long.compareUnsigned(e.gpa() - ipa, size) < 0);
    }

    @Override
    public boolean releasesDestroyedData(Rd rd, long ipa, long pa) {
        Optional<SgtEntry> tuple = m.sgt().remove(rd.pa(), ipa);
        if (tuple.isEmpty()) {
            return true;
        }
        m.persistSgt();
        long real = tuple.get().pa();
        boolean lastSharer = !m.sgt().isShared(real);
        if (real != pa) {
            // The IPA still mapped the dummy page: the real page is mapped nowhere through this tuple.
            if (lastSharer) {
                release(real);
            }
            return false;
        }
        return lastSharer;
    }

    /** Scrubs a Mica-held DATA granule and returns it to DELEGATED. */
    private void release(long pa) {
        if (pa == 0) {
            return;
        }
        Granule g = s.granules().find(pa);
        if (g != null && g.state() == GranuleState.DATA) {
            s.scrub(g);
            g.transition(GranuleState.DELEGATED);
        }
    }
}
