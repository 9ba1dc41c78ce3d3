package org.micasim.rmm.rmi;

import java.util.ArrayList;
import java.util.List;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;

/**
 * The standard starting state of the RMI conformance tables: a NEW realm {@code rd} (VMID 1) with level-2
 * and level-3 RTTs over IPA 0, one DATA granule at IPA 0x1000, and an ACTIVE realm {@code rdActive}
 * (VMID 2) with the same tables; spare delegated and undelegated granules.
 */
final class Fixture implements AutoCloseable {
    /** A PA outside DRAM (not delegable). */
    static final long NOT_DRAM = 0x1000;
    static final long DATA_IPA = 0x1000;
    static final long FREE_IPA = 0x2000;
    /** An IPA whose walk stops at level 1 (no level-2 RTT there). */
    static final long NO_TABLES_IPA = 0x4000_0000L;

    final RmmTestbed t = new RmmTestbed();
    final long rd;
    final long rdActive;
    final long l2;
    final long l3;
    final long data;
    final long rec;
    final List<Long> known = new ArrayList<>();

    Fixture() {
        rd = t.createRealm(1);
        l2 = t.delegated();
        l3 = t.delegated();
        t.ok(RmiCommand.RMI_RTT_CREATE, rd, l2, 0, 2);
        t.ok(RmiCommand.RMI_RTT_CREATE, rd, l3, 0, 3);
        data = t.delegated();
        t.ok(RmiCommand.RMI_DATA_CREATE, rd, data, DATA_IPA, RmmTestbed.SRC, 0);
        rdActive = t.createRealm(2);
        t.ok(RmiCommand.RMI_RTT_CREATE, rdActive, t.delegated(), 0, 2);
        t.ok(RmiCommand.RMI_RTT_CREATE, rdActive, t.delegated(), 0, 3);
        t.ok(RmiCommand.RMI_DATA_CREATE, rdActive, t.delegated(), DATA_IPA, RmmTestbed.SRC, 0);
        t.recParams(0, 0, true);
        rec = t.delegated();
        t.ok(RmiCommand.RMI_REC_CREATE, rdActive, rec, RmmTestbed.REC_PARAMS);
        t.ok(RmiCommand.RMI_REALM_ACTIVATE, rdActive);
    }

    /** A spare delegated granule. */
    long delegated() {
        return t.delegated();
    }

    /** A spare undelegated DRAM granule. */
    long undelegated() {
        return t.granule();
    }

    Rd realm(long pa) {
        return t.rmm.state().rdAt(pa);
    }

    Rec recAt(long pa) {
        return t.rmm.state().recAt(pa);
    }

    /**
     * Everything an RMI command may change, as text: every granule's state, refcount and GPI in the range
     * the fixture used, every realm's state, RIM and REMs, and the bytes of every RTT.
     */
    String snapshot() {
        StringBuilder b = new StringBuilder();
        for (long pa = RmmTestbed.POOL; pa < RmmTestbed.POOL + 0x100_0000L; pa += Granule.SIZE) {
            Granule g = t.rmm.state().granules().find(pa);
            if (g.state() != org.micasim.rmm.granule.GranuleState.UNDELEGATED || g.refcount() != 0) {
                b.append(g).append(" gpi=").append(t.machine.gpiOf(pa)).append('\n');
                if (g.state() == org.micasim.rmm.granule.GranuleState.RTT) {
                    b.append(java.util.Arrays.toString(t.machine.peek(pa, 4096))).append('\n');
                }
            }
        }
        for (Rd r : t.rmm.state().realms()) {
            b.append(r.pa()).append(' ').append(r.state()).append(' ').append(r.recIndex());
            for (int i = 0; i < Rd.NUM_MEASUREMENTS; i++) {
                b.append(' ').append(java.util.HexFormat.of().formatHex(r.measurement(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        t.close();
    }
}
