package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;

/**
 * Property (the counterpart of Arm's CBMC benches, rmm.md §10.3): for random combinations of violated
 * failure conditions of RMI_DATA_CREATE and RMI_RTT_CREATE, the result is the one of the first violated
 * condition in the spec's listed order, or RMI_SUCCESS if none is violated; a failing call changes
 * nothing.
 */
class FirstFailingConditionPropertyTest {
    /** DATA_CREATE's conditions in listed order (flags_valid is TF-RMM's, checked first). */
    private static final String[] LABELS = {"flags_valid", "src", "data", "rd", "ipa_align", "ipa_bound",
        "realm_state", "rtt_walk", "rtte_state"};
    private static final String[] RESULTS = {"RMI_ERROR_INPUT", "RMI_ERROR_INPUT", "RMI_ERROR_INPUT",
        "RMI_ERROR_INPUT", "RMI_ERROR_INPUT", "RMI_ERROR_INPUT", "RMI_ERROR_REALM", "RMI_ERROR_RTT(1)",
        "RMI_ERROR_RTT(3)"};

    static long[] seeds() {
        return new SplittableRandom(2026).longs(24).toArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void dataCreate_firstViolatedConditionDecides(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Fixture f = new Fixture()) {
            int first = LABELS.length;
            boolean[] bad = new boolean[LABELS.length];
            for (int i = 0; i < bad.length; i++) {
                bad[i] = r.nextInt(4) == 0;
            }
            long flags = bad[0] ? 2 + r.nextInt(100) * 2L : r.nextInt(2);
            long src = bad[1] ? pick(r, RmmTestbed.SRC + 8, Fixture.NOT_DRAM, f.delegated()) : RmmTestbed.SRC;
            long data = bad[2] ? pick(r, f.delegated() + 0x10, Fixture.NOT_DRAM, f.undelegated(), f.l2) : f.delegated();
            long realm = bad[6] ? f.rdActive : f.rd;
            long rd = bad[3] ? pick(r, realm + 8, Fixture.NOT_DRAM, f.data) : realm;
            long ipa;
            if (bad[4]) {
                ipa = Fixture.FREE_IPA + 8;
                bad[5] = bad[7] = bad[8] = false;
            } else if (bad[5]) {
                ipa = RmmTestbed.UNPROTECTED + 0x2000;
                bad[7] = bad[8] = false;
            } else if (bad[7]) {
                ipa = Fixture.NO_TABLES_IPA;
                bad[8] = false;
            } else {
                ipa = bad[8] ? Fixture.DATA_IPA : Fixture.FREE_IPA;
            }
            for (int i = 0; i < bad.length; i++) {
                if (bad[i]) {
                    first = i;
                    break;
                }
            }
            String before = f.snapshot();
            String got = f.t.status(RmiCommand.RMI_DATA_CREATE, rd, data, ipa, src, flags);
            String expected = first == LABELS.length ? "RMI_SUCCESS" : RESULTS[first];
            assertEquals(expected, got, "seed " + seed + ": first violated condition "
                + (first == LABELS.length ? "none" : LABELS[first]));
            if (first != LABELS.length) {
                assertEquals(before, f.snapshot(), "seed " + seed + ": failing call changed state");
            }
        }
    }

    private static long pick(SplittableRandom r, long... choices) {
        return choices[r.nextInt(choices.length)];
    }

    /** RTT_CREATE's conditions in listed order. */
    private static final String[] RTT_LABELS = {"rd", "level_bound", "ipa_align", "ipa_bound", "rtt", "rtt_walk",
        "rtte_state"};
    private static final String[] RTT_RESULTS = {"RMI_ERROR_INPUT", "RMI_ERROR_INPUT", "RMI_ERROR_INPUT",
        "RMI_ERROR_INPUT", "RMI_ERROR_INPUT", "RMI_ERROR_RTT(1)", "RMI_ERROR_RTT(1)"};
    private static final long GB = 0x4000_0000L;

    @ParameterizedTest
    @MethodSource("seeds")
    void rttCreate_firstViolatedConditionDecides(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Fixture f = new Fixture()) {
            boolean badRd = r.nextInt(4) == 0;
            boolean badRtt = r.nextInt(4) == 0;
            long rd = badRd ? pick(r, f.rd + 8, Fixture.NOT_DRAM, f.l2) : f.rd;
            long rtt = badRtt ? pick(r, f.delegated() + 8, Fixture.NOT_DRAM, f.undelegated()) : f.delegated();
            // (level, ipa) violate at most one of level_bound, ipa_align, ipa_bound, rtt_walk, rtte_state
            int target = r.nextInt(7);
            long[][] shapes = {{2, GB}, {2, GB}, {1, GB}, {2, GB + 0x20_0000L}, {2, 1L << RmmTestbed.S2SZ},
                {3, GB}, {2, 0}};
            int[] violated = {-1, -1, 1, 2, 3, 5, 6};
            long level = target == 2 && r.nextBoolean() ? 4 : shapes[target][0];
            long ipa = shapes[target][1];
            int first = RTT_LABELS.length;
            if (badRd) {
                first = 0;
            } else if (violated[target] >= 0 && violated[target] < 4) {
                first = violated[target];
            } else if (badRtt) {
                first = 4;
            } else if (violated[target] >= 0) {
                first = violated[target];
            }
            String before = f.snapshot();
            String got = f.t.status(RmiCommand.RMI_RTT_CREATE, rd, rtt, ipa, level);
            String expected = first == RTT_LABELS.length ? "RMI_SUCCESS" : RTT_RESULTS[first];
            assertEquals(expected, got, "seed " + seed + ": first violated condition "
                + (first == RTT_LABELS.length ? "none" : RTT_LABELS[first]));
            if (first != RTT_LABELS.length) {
                assertEquals(before, f.snapshot(), "seed " + seed + ": failing call changed state");
            }
        }
    }
}
