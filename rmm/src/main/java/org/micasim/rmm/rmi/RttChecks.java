package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttGeometry;

/** Failure conditions shared by the RTT commands, each named by its spec label. */
final class RttChecks {
    private RttChecks() {
    }

    /** rd_align, rd_bound, rd_state: the RD granule, locked ({@code find_lock_granule(rd, RD)}). */
    static Granule lockRd(RmmState s, long rdPa) throws RmiError {
        Granule g = s.granules().findLock(rdPa, GranuleState.RD);
        if (g == null) {
            throw RmiError.input();
        }
        return g;
    }

    /** level_bound for structure commands (RTT_CREATE/DESTROY/FOLD): start level &lt; level &lt;= 3. */
    static int structureLevel(Rd rd, long level) throws RmiError {
        if (level <= rd.s2().startLevel() || level > 3) {
            throw RmiError.input();
        }
        return (int) level;
    }

    /** ipa_align to {@code level}, ipa_bound (inside the IPA space). */
    static void ipa(Rd rd, long ipa, int alignLevel) throws RmiError {
        if (!RttGeometry.isAligned(ipa, alignLevel)) {
            throw RmiError.input(); // ipa_align
        }
        if (!rd.s2().inIpaSpace(ipa)) {
            throw RmiError.input(); // ipa_bound
        }
    }
}
