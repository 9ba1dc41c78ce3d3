package org.micasim.rmm.invariant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.mica.MicaExtension;
import org.micasim.rmm.mica.MicaState;
import org.micasim.rmm.mica.SgtEntry;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.realm.RealmState;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.RttGeometry;
import org.micasim.rmm.rtt.S2Context;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.gpt.Gpi;

/**
 * Checks the RMM's invariants between calls (see the package documentation for the list). It keeps what
 * it saw at the previous check, so it can also check the rules about change: a granule that has just
 * become UNDELEGATED reads as zeros, realm states only move forward, the RIM is frozen once the realm
 * left NEW. Call {@link #check} after every call, with no call in flight.
 */
public final class InvariantChecker {
    private static final byte[] ZERO = new byte[(int) Granule.SIZE];

    private final RmmState rmm;
    private final PhysicalView memory;
    /** Granule states at the previous check. */
    private final TreeMap<Long, GranuleState> previousStates = new TreeMap<>();
    /**
     * Realm states at the previous check, by realm (identity: a realm destroyed and created again at the
     * same RD PA between two checks is another realm).
     */
    private final IdentityHashMap<Rd, RealmState> previousRealmStates = new IdentityHashMap<>();
    /** The RIM of each realm when it was first seen out of NEW. */
    private final IdentityHashMap<Rd, byte[]> frozenRims = new IdentityHashMap<>();

    /** The Mica state when the RMM runs the Mica extension, else null. */
    private final MicaState mica;

    public InvariantChecker(RmmState rmm, PhysicalView memory) {
        this.rmm = rmm;
        this.memory = memory;
        MicaState m = null;
        for (var e : rmm.config().extensions()) {
            if (e instanceof MicaExtension x) {
                m = x.state();
            }
        }
        this.mica = m;
    }

    /**
     * Checks every invariant now; the RMM and the machine are only read. Closes the RMM's quiesce gate for
     * the duration (waiting for RMI calls in flight on other PEs, REC runs included), so the state it reads
     * is at rest; must not be called from inside an RMI call.
     */
    public InvariantReport check() {
        rmm.lock().lock();
        try {
            return checkAtRest();
        } finally {
            rmm.lock().unlock();
        }
    }

    private InvariantReport checkAtRest() {
        Walk w = new Walk();
        for (Rd rd : rmm.realms()) {
            w.realm(rd);
        }
        for (Rec rec : rmm.recs()) {
            w.rec(rec);
        }
        if (mica != null) {
            w.mica();
        }
        for (Granule g : rmm.granules().known()) {
            w.granule(g);
        }
        w.vmids();
        remember(w);
        return new InvariantReport(w.violations, w.fingerprint);
    }

    private void remember(Walk w) {
        previousStates.clear();
        for (Granule g : rmm.granules().known()) {
            previousStates.put(g.pa(), g.state());
        }
        previousRealmStates.clear();
        for (Rd rd : rmm.realms()) {
            previousRealmStates.put(rd, rd.state());
        }
        frozenRims.keySet().retainAll(previousRealmStates.keySet());
    }

    /** The state one check accumulates. */
    private final class Walk {
        final List<Violation> violations = new ArrayList<>();
        long fingerprint = 0xcbf2_9ce4_8422_2325L;
        /** RTT PA → RD PA of the realm whose tree reaches it. */
        final Map<Long, Long> rttOwner = new TreeMap<>();
        /** DATA PA → the (RD PA, IPA) of every protected ASSIGNED entry that maps it. */
        final Map<Long, List<long[]>> dataMappings = new TreeMap<>();
        /** DATA granules Mica holds unmapped or maps on purpose: PDs, dummy pages, SGT backing, shared pages. */
        final Map<Long, String> micaData = new TreeMap<>();
        /** REC_AUX PA → REC PA. */
        final Map<Long, Long> auxOwner = new TreeMap<>();
        /** RD PA → number of RECs that name it as owner. */
        final Map<Long, Integer> recsPerRealm = new TreeMap<>();

        void fail(String invariant, String format, Object... args) {
            violations.add(new Violation(invariant, String.format(format, args)));
        }

        void mix(long v) {
            fingerprint = (fingerprint ^ v) * 0x0100_0000_01b3L;
            fingerprint ^= fingerprint >>> 29;
        }

        void mix(byte[] b) {
            mix(Arrays.hashCode(b));
        }

        void realm(Rd rd) {
            mix(rd.pa());
            mix(rd.state().encoding());
            for (int i = 0; i < Rd.NUM_MEASUREMENTS; i++) {
                mix(rd.measurement(i));
            }
            if (rmm.granules().stateOf(rd.pa()) != GranuleState.RD) {
                fail("rd-state", "realm at 0x%x but its granule is %s", rd.pa(), rmm.granules().stateOf(rd.pa()));
            }
            RealmState before = previousRealmStates.get(rd);
            if (before != null && rd.state().encoding() < before.encoding()) {
                fail("realm-state-forward", "realm 0x%x went from %s back to %s", rd.pa(), before, rd.state());
            }
            if (rd.state() != RealmState.REALM_NEW) {
                byte[] frozen = frozenRims.computeIfAbsent(rd, k -> rd.rim());
                if (!Arrays.equals(frozen, rd.rim())) {
                    fail("rim-frozen", "realm 0x%x changed its RIM after activation", rd.pa());
                }
            }
            S2Context c = rd.s2();
            long rootSpan = RttGeometry.size(c.startLevel()) * RttGeometry.ENTRIES;
            for (int r = 0; r < c.numRootRtts(); r++) {
                rtt(rd, c.rttBase() + r * Granule.SIZE, c.startLevel(), r * rootSpan);
            }
        }

        void rtt(Rd rd, long rttPa, int level, long ipaBase) {
            Long other = rttOwner.putIfAbsent(rttPa, rd.pa());
            if (other != null) {
                fail("rtt-unique", "RTT 0x%x is reached again from realm 0x%x (first from realm 0x%x)", rttPa,
                    rd.pa(), other);
                return;
            }
            GranuleState st = rmm.granules().stateOf(rttPa);
            if (st != GranuleState.RTT) {
                fail("rtt-state", "realm 0x%x reaches a level-%d RTT at 0x%x whose granule is %s", rd.pa(), level,
                    rttPa, st);
                return;
            }
            byte[] b = memory.peek(rttPa, (int) Granule.SIZE);
            mix(b);
            long size = RttGeometry.size(level);
            int live = 0;
            for (int i = 0; i < RttGeometry.ENTRIES; i++) {
                long e = entry(b, i);
                long ipa = ipaBase + i * size;
                boolean prot = rd.s2().isProtected(ipa);
                S2tteState es = S2tte.state(e, level);
                switch (es) {
                    case TABLE -> {
                        live++;
                        rtt(rd, S2tte.oa(e), level + 1, ipa);
                    }
                    case ASSIGNED -> {
                        live++;
                        if (!prot) {
                            fail("ipa-half", "realm 0x%x: ASSIGNED entry at unprotected IPA 0x%x", rd.pa(), ipa);
                        }
                        assigned(rd, e, level, ipa);
                    }
                    case UNASSIGNED -> {
                        if (!prot) {
                            fail("ipa-half", "realm 0x%x: UNASSIGNED entry at unprotected IPA 0x%x", rd.pa(), ipa);
                        }
                        ripas(rd, e, ipa);
                    }
                    case ASSIGNED_NS, UNASSIGNED_NS -> {
                        if (prot) {
                            fail("ipa-half", "realm 0x%x: %s entry at protected IPA 0x%x", rd.pa(), es, ipa);
                        }
                    }
                }
            }
            int refcount = refcountOf(rttPa);
            if (refcount != live) {
                fail("rtt-refcount", "RTT 0x%x (level %d, realm 0x%x) has refcount %d but %d live entries", rttPa,
                    level, rd.pa(), refcount, live);
            }
        }

        void ripas(Rd rd, long e, long ipa) {
            long code = (e & S2tte.RIPAS_MASK) >>> S2tte.RIPAS_SHIFT;
            if (code > 2) {
                fail("ripas-valid", "realm 0x%x: entry 0x%x at IPA 0x%x has RIPAS code %d", rd.pa(), e, ipa, code);
            }
        }

        void assigned(Rd rd, long e, int level, long ipa) {
            if (!S2tte.isValid(e)) {
                ripas(rd, e, ipa);
            }
            long granules = RttGeometry.size(level) / Granule.SIZE;
            for (long k = 0; k < granules; k++) {
                long pa = S2tte.oa(e) + k * Granule.SIZE;
                GranuleState st = rmm.granules().stateOf(pa);
                if (st != GranuleState.DATA) {
                    fail("data-state", "realm 0x%x maps IPA 0x%x to 0x%x, a %s granule", rd.pa(),
                        ipa + k * Granule.SIZE, pa, st);
                }
                dataMappings.computeIfAbsent(pa, x -> new ArrayList<>()).add(new long[] {rd.pa(), ipa + k * Granule.SIZE});
            }
        }

        void rec(Rec rec) {
            mix(rec.pa());
            mix(rec.isRunnable() ? 1 : 0);
            mix(rec.psciPending() == null ? 0 : 1);
            if (rmm.granules().stateOf(rec.pa()) != GranuleState.REC) {
                fail("rec-state", "REC at 0x%x but its granule is %s", rec.pa(), rmm.granules().stateOf(rec.pa()));
            }
            if (rmm.rdAt(rec.owner().pa()) != rec.owner()) {
                fail("rec-owner", "REC 0x%x belongs to realm 0x%x, which no longer exists", rec.pa(), rec.owner().pa());
            }
            recsPerRealm.merge(rec.owner().pa(), 1, Integer::sum);
            for (Granule aux : rec.aux()) {
                Long other = auxOwner.putIfAbsent(aux.pa(), rec.pa());
                if (other != null) {
                    fail("aux-unique", "REC_AUX 0x%x belongs to RECs 0x%x and 0x%x", aux.pa(), other, rec.pa());
                }
                if (aux.state() != GranuleState.REC_AUX) {
                    fail("aux-state", "REC 0x%x names aux granule 0x%x, which is %s", rec.pa(), aux.pa(), aux.state());
                }
            }
        }

        void granule(Granule g) {
            long pa = g.pa();
            GranuleState st = g.state();
            if (g.isLocked()) {
                fail("granule-unlocked", "granule 0x%x (%s) is locked with no RMI call in flight", pa, st);
            }
            if (st != GranuleState.UNDELEGATED || g.refcount() != 0) {
                // a descriptor the table created on a lookup is the same as none: leave it out
                mix(pa);
                mix(st.encoding());
                mix(g.refcount());
            }
            int gpi = memory.gpi(pa);
            int want = st == GranuleState.UNDELEGATED ? Gpi.NON_SECURE.value() : Gpi.REALM.value();
            if (gpi != want) {
                fail("gpt-agrees", "granule 0x%x is %s but its GPI is 0x%x", pa, st, gpi);
            }
            GranuleState before = previousStates.get(pa);
            switch (st) {
                case UNDELEGATED -> {
                    zeroRefcount(g);
                    if (before != null && before != GranuleState.UNDELEGATED && !isZero(pa)) {
                        fail("scrubbed-on-return", "granule 0x%x came back to the host (was %s) and is not zero",
                            pa, before);
                    }
                }
                case DELEGATED -> {
                    zeroRefcount(g);
                    if (!isZero(pa)) {
                        fail("delegated-zero", "DELEGATED granule 0x%x holds non-zero bytes", pa);
                    }
                }
                case DATA -> {
                    zeroRefcount(g);
                    mix(memory.peek(pa, (int) Granule.SIZE));
                    dataGranule(pa);
                }
                case REC_AUX -> {
                    zeroRefcount(g);
                    if (!auxOwner.containsKey(pa)) {
                        fail("aux-owned", "REC_AUX granule 0x%x belongs to no REC", pa);
                    }
                }
                case REC -> {
                    if (g.refcount() != 0) {
                        fail("rec-refcount", "REC 0x%x has refcount %d between calls (it is not running)", pa,
                            g.refcount());
                    }
                    if (rmm.recAt(pa) == null) {
                        fail("rec-known", "REC granule 0x%x has no REC", pa);
                    }
                }
                case RD -> {
                    if (rmm.rdAt(pa) == null) {
                        fail("rd-known", "RD granule 0x%x has no realm", pa);
                    }
                    int recs = recsPerRealm.getOrDefault(pa, 0);
                    if (g.refcount() != recs) {
                        fail("rd-refcount", "RD 0x%x has refcount %d but %d RECs", pa, g.refcount(), recs);
                    }
                }
                case RTT -> {
                    if (!rttOwner.containsKey(pa)) {
                        fail("rtt-reachable", "RTT granule 0x%x is reached from no realm's root", pa);
                    }
                }
            }
        }

        /**
         * A DATA granule is mapped by exactly one entry, unless Mica holds it: a PD or SGT backing granule
         * is mapped by none; a dummy page only by its own realm's pending shared IPAs; a shared page only
         * at the (PA, IPA, RD) triples the SGT records.
         */
        void dataGranule(long pa) {
            List<long[]> maps = dataMappings.getOrDefault(pa, List.of());
            String role = micaData.get(pa);
            if (role == null) {
                if (maps.size() != 1) {
                    fail("data-exclusive", "DATA granule 0x%x is mapped by %d entries, not exactly one%s", pa,
                        maps.size(), describe(maps));
                }
                return;
            }
            for (long[] m : maps) {
                boolean ok = switch (role) {
                    case "shared" -> mica.sgt().contains(new SgtEntry(pa, m[1], m[0]));
                    case "dummy" -> mica.realmDummy(m[0]) == pa && mica.sgt().paFor(m[0], m[1]).isPresent();
                    default -> false;
                };
                if (!ok) {
                    fail("mica-mapping", "realm 0x%x maps IPA 0x%x to 0x%x (a Mica %s granule) without an SGT"
                        + " record that allows it", m[0], m[1], pa, role);
                }
            }
        }

        private String describe(List<long[]> maps) {
            StringBuilder b = new StringBuilder();
            for (long[] m : maps) {
                b.append(String.format(" [realm 0x%x IPA 0x%x]", m[0], m[1]));
            }
            return b.toString();
        }

        /** The SGT agrees with the realms and their RTTs; Mica's granules are DATA. */
        void mica() {
            for (Long g : mica.sgtGranules()) {
                role(g, "SGT backing");
            }
            for (Rd rd : rmm.realms()) {
                if (mica.realmPd(rd.pa()) != 0) {
                    role(mica.realmPd(rd.pa()), "PD");
                }
                if (mica.realmDummy(rd.pa()) != 0) {
                    role(mica.realmDummy(rd.pa()), "dummy");
                }
            }
            for (SgtEntry e : mica.sgt().entries()) {
                mix(e.pa());
                mix(e.gpa());
                mix(e.rd());
                if (rmm.rdAt(e.rd()) == null) {
                    fail("sgt-live", "SGT entry (PA 0x%x, IPA 0x%x) names realm 0x%x, which no longer exists", e.pa(),
                        e.gpa(), e.rd());
                    continue;
                }
                micaData.putIfAbsent(e.pa(), "shared");
                if (rmm.granules().stateOf(e.pa()) != GranuleState.DATA) {
                    fail("sgt-data", "SGT entry names PA 0x%x, a %s granule", e.pa(), rmm.granules().stateOf(e.pa()));
                }
                boolean mapped = dataMappings.getOrDefault(e.pa(), List.of()).stream()
                    .anyMatch(m -> m[0] == e.rd() && m[1] == e.gpa());
                long dummy = mica.realmDummy(e.rd());
                boolean pending = dummy != 0 && dataMappings.getOrDefault(dummy, List.of()).stream()
                    .anyMatch(m -> m[0] == e.rd() && m[1] == e.gpa());
                if (!mapped && !pending) {
                    fail("sgt-rtt", "SGT entry (PA 0x%x, IPA 0x%x, realm 0x%x) is mapped neither to its page nor to"
                        + " the realm's dummy page", e.pa(), e.gpa(), e.rd());
                }
            }
        }

        private void role(long pa, String role) {
            micaData.put(pa, role);
            if (rmm.granules().stateOf(pa) != GranuleState.DATA) {
                fail("mica-granule", "the Mica %s granule 0x%x is %s, not DATA", role, pa, rmm.granules().stateOf(pa));
            }
        }

        void zeroRefcount(Granule g) {
            if (g.refcount() != 0) {
                fail("refcount-zero", "%s granule 0x%x has refcount %d", g.state(), g.pa(), g.refcount());
            }
        }

        void vmids() {
            TreeMap<Integer, Long> seen = new TreeMap<>();
            for (Rd rd : rmm.realms()) {
                Long other = seen.putIfAbsent(rd.s2().vmid(), rd.pa());
                if (other != null) {
                    fail("vmid-unique", "realms 0x%x and 0x%x share VMID %d", other, rd.pa(), rd.s2().vmid());
                }
            }
        }

        int refcountOf(long pa) {
            Granule g = rmm.granules().lookup(pa);
            return g == null ? 0 : g.refcount();
        }

        boolean isZero(long pa) {
            return Arrays.equals(memory.peek(pa, (int) Granule.SIZE), ZERO);
        }
    }

    private static long entry(byte[] b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[8 * i + k] & 0xFFL);
        }
        return v;
    }
}
