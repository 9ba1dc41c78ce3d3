package org.micasim.realms.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.simulator.guest.GuestCpu;

/**
 * When a PSCI call answered RSI_ERROR_STATE is a defined outcome for the hostile guest: only under Mica,
 * only for a function that reaches the host, and only once a REC of the realm has tried to upload its
 * policy (docs/mica.md §7). The RMM is replaced by a fake that blocks like Mica's CALL 0x17 BLOCK rule
 * once the realm's policy is in.
 */
class FuzzGuestTest {
    /** A guest seed whose 40 actions include host-reaching PSCI calls both before and after its first upload. */
    private static final long SEED = 1;

    /** One realm whose policy, once uploaded, blocks every host-reaching SMC. */
    private static final class BlockingRealm {
        boolean uploaded;
    }

    /** A vCPU of {@code realm} running the image with {@code seed}; every call is answered at once. */
    private static GuestCpu rec(BlockingRealm realm, long seed) {
        return new GuestCpu() {
            @Override
            public long[] smc(long fid, long... args) {
                long[] r = new long[18];
                RsiCommand c = RsiCommand.byFid(fid).orElse(null);
                if (c == RsiCommand.RSI_UPLOAD_POLICY) {
                    realm.uploaded = true;
                    r[0] = RsiStatus.RSI_SUCCESS.code();
                } else if (c != null && FuzzGuest.HOST_REACHING_PSCI.contains(c)) {
                    r[0] = realm.uploaded ? RsiStatus.RSI_ERROR_STATE.code() : 0;
                } else {
                    r[0] = SmcFid.SMC_NOT_SUPPORTED;
                }
                return r;
            }

            @Override
            public byte[] parameters() {
                return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(seed).array();
            }

            @Override
            public long load64(long ipa) {
                return 0;
            }

            @Override
            public void store64(long ipa, long value) {
            }

            @Override
            public void load(long ipa, byte[] dst, int off, int len) {
            }

            @Override
            public void store(long ipa, byte[] src, int off, int len) {
            }

            @Override
            public long x(int n) {
                return 0;
            }

            @Override
            public void waitForInterrupt() {
            }

            @Override
            public void waitForEvent() {
            }

            @Override
            public void compute(long instructions) {
            }

            @Override
            public String programName() {
                return FuzzGuest.NAME;
            }
        };
    }

    @Test
    void aRealmsHostReachingPsciCallsAfterItsUploadMayBeBlocked() {
        FuzzLog log = new FuzzLog();
        log.micaBlocks(true);
        new FuzzGuest(log).run(rec(new BlockingRealm(), SEED));
        assertEquals(List.of(), log.undefinedOutcomes());
        assertTrue(log.rsiCounts()[3] > 0, "some PSCI call was blocked: the seed exercises the rule");
    }

    /**
     * The case the two-PE stress test hit: another REC of the same realm, on another PE, is blocked from
     * its first PSCI call on, because its sibling uploaded the policy; its own upload comes later or never.
     */
    @Test
    void aSiblingRecsUploadMakesTheRealmBlocked() {
        FuzzLog log = new FuzzLog();
        log.micaBlocks(true);
        BlockingRealm realm = new BlockingRealm();
        new FuzzGuest(log).run(rec(realm, SEED));
        long first = log.rsiCounts()[3];
        new FuzzGuest(log).run(rec(realm, SEED));
        assertEquals(List.of(), log.undefinedOutcomes());
        long second = log.rsiCounts()[3] - first;
        assertTrue(second > first, "the second REC is blocked from its first host-reaching call, before its upload");
    }

    /** Without Mica (or a harness that did not say so) nothing may answer PSCI with RSI_ERROR_STATE. */
    @Test
    void withoutMicaRsiErrorStateFromPsciIsUndefined() {
        FuzzLog log = new FuzzLog();
        new FuzzGuest(log).run(rec(new BlockingRealm(), SEED));
        assertFalse(log.undefinedOutcomes().isEmpty());
        assertTrue(log.undefinedOutcomes().get(0).matches("guest PSCI_\\w+\\(.*\\) returned X0=0x2"),
            log.undefinedOutcomes().get(0));
    }

    /** A realm blocked before any REC of its image tried to upload a policy is an RMM bug. */
    @Test
    void blockedBeforeAnyUploadIsUndefined() {
        FuzzLog log = new FuzzLog();
        log.micaBlocks(true);
        BlockingRealm realm = new BlockingRealm();
        realm.uploaded = true; // a policy this realm never uploaded
        new FuzzGuest(log).run(rec(realm, SEED));
        assertFalse(log.undefinedOutcomes().isEmpty());
    }
}
