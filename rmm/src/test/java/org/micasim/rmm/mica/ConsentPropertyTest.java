package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever the host maps and whatever policies realms upload, in whatever order, two realms
 * that can both read a shared page (both activated it) consented to each other: each one's object there
 * names the other, or admits it through an ANY whose count covers every realm it does not name. Also, a
 * realm reads only what its policy declares, with the declared protection (invariants I1 and I7 of
 * mica.md §9). Without mica-sim's consent check ({@code PolicyValidator.sharersConsent}) the published
 * algorithm breaks this property for several of these seeds.
 */
class ConsentPropertyTest {
    private static final long[] RDS = {0x8000_0000L, 0x8010_0000L, 0x8020_0000L, 0x8030_0000L};
    private static final long[] BASES = {Policies.SHM0};
    private static final long[] CHANNELS = {0x9000_0000L, 0x9100_0000L};

    static List<Long> seeds() {
        List<Long> l = new ArrayList<>();
        for (long s = 1; s <= 40; s++) {
            l.add(s);
        }
        return l;
    }

    /** A policy for realm {@code self} on the channel at SHM0, naming {@code names} and maybe an ANY. */
    private static Policy policy(int self, Set<Integer> names, int anyCount, Prot prot) {
        List<PolicyVm> vms = new ArrayList<>();
        for (int i = 0; i < RDS.length; i++) {
            vms.add(Policies.vm("VM" + (i + 1), i + 1, i == 0, false));
        }
        List<Mapping> maps = new ArrayList<>();
        maps.add(Policies.named(self, BASES[0], prot));
        for (int i : names) {
            if (i != self) {
                maps.add(Policies.named(i, BASES[0], Prot.RW));
            }
        }
        if (anyCount >= -1) {
            maps.add(Policies.any(BASES[0], Prot.RW, anyCount));
        }
        return new Policy(self, vms, List.of(new MemObject(ObjectName.of("Mem1"), 0x2000, MemType.PROTECTED, maps)),
                List.of());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void activatedSharersConsentedToEachOther(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ValidationWorld w = new ValidationWorld();
        for (long rd : RDS) {
            w.realm(rd);
        }
        // The tenant's pipeline: realms 0..k-1 share channel 0 and name each other (realm 0 sometimes
        // names nobody and offers an ANY instead). The others are attackers: the host maps the channel
        // into them and they upload policies of their choosing, at random moments.
        int k = 2 + rnd.nextInt(2);
        Set<Integer> group = new LinkedHashSet<>();
        for (int i = 0; i < k; i++) {
            group.add(i);
        }
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        boolean offer = rnd.nextBoolean();
        for (int step = 0; step < 3; step++) {
            for (int i : order) {
                long rd = RDS[i];
                if (w.uploaded.containsKey(rd)) {
                    continue;
                }
                if (rnd.nextInt(4) != 0) {
                    long ch = group.contains(i) || rnd.nextBoolean() ? CHANNELS[0] : CHANNELS[1];
                    boolean swap = rnd.nextInt(6) == 0;
                    for (int pg = 0; pg < 2; pg++) {
                        long ipa = BASES[0] + pg * 4096L;
                        if (w.sgt.paFor(rd, ipa).isEmpty()) {
                            w.share(rd, ipa, ch + (swap ? 1 - pg : pg) * 4096L, 1);
                        }
                    }
                }
                Policy p;
                if (group.contains(i)) {
                    Set<Integer> names = offer && i == 0 ? Set.of() : group;
                    p = policy(i, names, offer && i == 0 ? k - 1 : -2, Prot.RW);
                } else {
                    Set<Integer> names = new LinkedHashSet<>();
                    for (int j = 0; j < RDS.length; j++) {
                        if (rnd.nextBoolean()) {
                            names.add(j);
                        }
                    }
                    p = policy(i, names, rnd.nextInt(4) - 2, rnd.nextBoolean() ? Prot.R : Prot.RW);
                }
                w.upload(rd, p);
                check(w, seed);
            }
        }
    }

    /** The property, over the current state. */
    private static void check(ValidationWorld w, long seed) {
        Map<Long, List<long[]>> readersByPa = new LinkedHashMap<>();
        for (Map.Entry<Long, List<SharedRemap>> e : w.activated.entrySet()) {
            Policy p = w.uploaded.get(e.getKey());
            for (SharedRemap r : e.getValue()) {
                PolicyValidator.Coverage c = PolicyValidator.activatedThrough(p, r.ipa()).orElseThrow(
                        () -> new AssertionError("seed " + seed + ": activated an undeclared IPA"));
                assertEquals(c.mapping().prot(), r.prot(), "seed " + seed + ": declared protection");
                assertEquals(w.sgt.paFor(e.getKey(), r.ipa()).orElseThrow(), r.pa(), "seed " + seed);
                readersByPa.computeIfAbsent(r.pa(), k -> new ArrayList<>()).add(new long[] {e.getKey(), r.ipa()});
            }
        }
        for (Map.Entry<Long, List<long[]>> e : readersByPa.entrySet()) {
            for (long[] x : e.getValue()) {
                Policy px = w.uploaded.get(x[0]);
                MemObject mx = PolicyValidator.activatedThrough(px, x[1]).orElseThrow().object();
                Set<Integer> named = new LinkedHashSet<>();
                mx.mappings().stream().filter(m -> !m.isAny()).forEach(m -> named.add(px.vms().get(m.vmIndex()).hash()));
                int unnamed = 0;
                for (long[] y : e.getValue()) {
                    int idY = w.uploaded.get(y[0]).self().orElseThrow().hash();
                    if (y[0] != x[0] && !named.contains(idY)) {
                        unnamed++;
                    }
                }
                if (unnamed > 0) {
                    assertTrue(mx.any().isPresent(), "seed " + seed + ": realm 0x" + Long.toHexString(x[0])
                            + " shares PA 0x" + Long.toHexString(e.getKey()) + " with a realm it does not name");
                    int count = mx.any().get().anyCount();
                    assertTrue(count == -1 || unnamed <= count, "seed " + seed + ": ANY " + count + " exceeded by "
                            + unnamed);
                }
            }
        }
    }
}
