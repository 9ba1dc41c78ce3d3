package org.micasim.realms.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;

/**
 * Two host threads on two PEs build, run and destroy a realm each at the same time: RMI commands are
 * serialised by the RMM lock, the realms run concurrently, and both end with every granule zeroed.
 */
class ConcurrentRealmsTest {
    @Test
    void twoPes_twoRealms_concurrently() throws Exception {
        GuestProgramRegistry programs = new GuestProgramRegistry().register("work", () -> cpu -> {
            for (int i = 0; i < 200; i++) {
                cpu.store64(0x4000 + 8L * (i % 64), i);
                cpu.smc(RsiCommand.RSI_MEASUREMENT_EXTEND.fid(), 1, 8, i);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Machine m = DefaultPlatform.builder().guestPrograms(programs).processingElements(2).vcpuTimeslice(50)
            .build()) {
            List<Future<String>> results = new ArrayList<>();
            for (int pe = 0; pe < 2; pe++) {
                int p = pe;
                results.add(pool.submit(() -> {
                    RealmHost host = new RealmHost(m.host(p), new GranulePool(0x9000_0000L + p * 0x100_0000L,
                        0x100_0000L));
                    HostedRealm realm = host.build(RealmImage.of("work", new byte[] {(byte) p}, 10 + p));
                    RunOutcome out = host.run(realm, HostCallHandler.ECHO, MmioHandler.NONE, 100_000);
                    host.destroy(realm);
                    for (long pa : realm.delegatedGranules()) {
                        assertArrayEquals(new byte[4096], m.host(p).read(pa, 4096));
                    }
                    return out.reason().name();
                }));
            }
            for (Future<String> f : results) {
                assertEquals("SYSTEM_OFF", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
