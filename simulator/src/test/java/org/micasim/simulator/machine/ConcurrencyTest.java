package org.micasim.simulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.gpt.Gpi;
import org.micasim.simulator.memory.PhysicalAccessException;

class ConcurrencyTest {
    static final long BLOCK = 0x8040_0000L;

    /**
     * Two host threads on two PEs delegate and undelegate interleaved granules of one 2 MiB block (shatter
     * and fuse contend) while reading neighbours, which fault whenever the other PE delegated them first.
     */
    @Test
    void concurrentTransitionsOnDifferentPesKeepTheGptConsistent() throws Exception {
        ScriptedFirmware fw = new ScriptedFirmware();
        fw.on(0xC400_0151L, (c, s) -> c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_DELEGATE, c.x(1)).x0()));
        fw.on(0xC400_0152L, (c, s) -> c.setX(0, s.monitorCall(SmcFid.RMM_GTSI_UNDELEGATE, c.x(1)).x0()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Machine m = Machine.builder().firmware(fw).processingElements(2).build()) {
            m.boot();
            for (long fid : new long[] {0xC400_0151L, 0xC400_0152L}) {
                List<Future<Long>> done = new ArrayList<>();
                for (int pe = 0; pe < 2; pe++) {
                    int p = pe;
                    done.add(pool.submit(() -> {
                        long failures = 0;
                        for (long g = p; g < 512; g += 2) {
                            failures += m.host(p).smc(fid, BLOCK + g * 4096).x0() != 0 ? 1 : 0;
                            try {
                                m.host(p).read(BLOCK + ((g + 1) % 512) * 4096, 8);
                            } catch (PhysicalAccessException e) {
                                assertEquals(BLOCK + ((g + 1) % 512) * 4096, e.pa(), "only a Realm neighbour faults");
                            }
                        }
                        return failures;
                    }));
                }
                for (Future<Long> f : done) {
                    assertEquals(0, f.get());
                }
                int want = fid == 0xC400_0151L ? Gpi.REALM.value() : Gpi.NON_SECURE.value();
                for (long g = 0; g < 512; g++) {
                    assertEquals(want, m.gpiOf(BLOCK + g * 4096), "granule " + g);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
