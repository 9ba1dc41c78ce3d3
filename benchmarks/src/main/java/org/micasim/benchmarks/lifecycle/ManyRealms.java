package org.micasim.benchmarks.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.micasim.realms.host.GranulePool;
import org.micasim.realms.host.HostedRealm;
import org.micasim.realms.host.RealmHost;
import org.micasim.realms.host.RealmImage;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.simulator.machine.Machine;

/**
 * The scale target: {@code N} realms (default 1,000) of 64 MiB of RIPAS RAM each, all alive at once on the
 * default platform's 40-bit PA space (2 GiB of NS DRAM), built through RMI by the host driver. Prints, as
 * one JSON object, the JVM heap in use after a full GC minus the heap before the first realm, and the
 * bytes the simulated machine holds for them (every granule they had delegated: RD, RTTs, RECs, aux
 * granules, image pages, plus the host's REC run pages), so the ratio heap / bytes touched shows the
 * simulator's overhead per byte of state. The realms' RAM is RIPAS RAM that the guests never touch, so
 * it costs nothing until touched (sparse memory).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.micasim.benchmarks.lifecycle.ManyRealms [N]}.
 */
public final class ManyRealms {
    private static final int RAM_GRANULES = 64 * 256;

    private ManyRealms() {
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long start = System.nanoTime();
        Machine machine = DefaultPlatform.builder().build();
        RealmHost host = new RealmHost(machine.host(0), new GranulePool(0x9000_0000L, 0x6000_0000L));
        long before = usedHeap();
        List<HostedRealm> realms = new ArrayList<>();
        long granules = 0;
        for (int i = 0; i < n; i++) {
            HostedRealm r = host.build(new RealmImage("idle", new byte[0], RAM_GRANULES, 1, 0, null, 1 + (i % 0xFFFE)));
            realms.add(r);
            granules += r.delegatedGranules().size() + r.recs().size();
        }
        long after = usedHeap();
        long touched = granules * 4096;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("realms", realms.size());
        out.put("ipaRamBytesPerRealm", (long) RAM_GRANULES * 4096);
        out.put("paBits", machine.memoryMap().paBits());
        out.put("bytesTouched", touched);
        out.put("heapBytes", after - before);
        out.put("heapPerTouchedByte", touched == 0 ? 0.0 : (double) (after - before) / touched);
        out.put("hostMillis", (System.nanoTime() - start) / 1e6);
        System.out.println(new ObjectMapper().writeValueAsString(out));
        machine.close();
    }
}
