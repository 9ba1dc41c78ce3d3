package org.micasim.benchmarks.simulator;

import java.util.concurrent.TimeUnit;
import org.micasim.benchmarks.cycles.SimulatedCycles;
import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.GptInvalidation;
import org.micasim.simulator.gpt.GptRegisters;
import org.micasim.simulator.gpt.GptTransitions;
import org.micasim.simulator.gpt.GranuleProtectionCheck;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.s2.S2Descriptor;
import org.micasim.simulator.s2.Stage2Mmu;
import org.micasim.simulator.s2.Stage2Walker;
import org.micasim.simulator.s2.Vtcr;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.PeClock;
import org.micasim.simulator.timing.TimingProfile;
import org.micasim.simulator.tlb.Tlb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guest-access path of a realm load: TLB lookup, granule protection check (cached GPT information),
 * memory read and the cost-model events, for (a) a TLB hit and (b) a TLB miss with a full 4-level
 * stage-2 walk (each table read itself GPC-checked) followed by the GPT walk for the output granule.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GuestAccessBenchmark}. Results are in
 * docs/timing.md (simulator speed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuestAccessBenchmark {
    /** Pages walked in the miss benchmark: far more than the TLB (1024 entries) and GPT cache (4096) hold. */
    private static final int MISS_PAGES = 1 << 16;
    /** Pages touched in the hit benchmark (sequential 8-byte loads over them): all stay in the TLB. */
    private static final int HIT_PAGES = 16;
    private static final long DATA = 0x9000_0000L;

    private PhysicalMemory memory;
    private Stage2Mmu mmu;
    private Stage2Mmu missMmu;
    private Tlb tlb;
    private PeClock clock;
    private long hitIndex;
    private long missIndex;

    @Setup(Level.Trial)
    public void setUp() {
        memory = new PhysicalMemory(MemoryMap.defaultPlatform());
        GptRegisters registers = new GptRegisters();
        GranuleProtectionCheck gpc = new GranuleProtectionCheck(memory, registers);
        GptCache cache = new GptCache(4096);
        GptTransitions transitions = new GptTransitions(memory, gpc, new GptInvalidation() {
            @Override public void paall(int pe) { cache.invalidateAll(); }
            @Override public void paallos() { cache.invalidateAll(); }
            @Override public void rpalos(long operand) { cache.invalidateAll(); }
            @Override public void rpaos(long operand) { cache.invalidateAll(); }
        }, 0);
        clock = new PeClock(TimingProfile.defaultProfile());
        transitions.initialise(clock);
        // Tables: a level-0 root, one level-1 and one level-2 table, and 128 level-3 tables for 64 Ki pages.
        long next = 0x8800_0000L;
        long l0 = next;
        long l1 = next + 0x1000;
        long l2 = next + 0x2000;
        long l3 = next + 0x3000;
        for (long g = l0; g < l3 + (MISS_PAGES / 512) * 0x1000L; g += 0x1000) {
            transitions.delegate(g, Pas.REALM, clock);
        }
        memory.write64(l0, S2Descriptor.table(l1));
        memory.write64(l1, S2Descriptor.table(l2));
        for (int t = 0; t < MISS_PAGES / 512; t++) {
            memory.write64(l2 + t * 8L, S2Descriptor.table(l3 + t * 0x1000L));
            for (int p = 0; p < 512; p++) {
                long ipaPage = t * 512L + p;
                memory.write64(l3 + t * 0x1000L + p * 8L, S2Descriptor.page(DATA + ipaPage * 0x1000));
            }
        }
        for (long g = DATA; g < DATA + (long) MISS_PAGES * 0x1000; g += 0x1000) {
            transitions.delegate(g, Pas.REALM, clock);
            memory.write64(g, g);
        }
        tlb = new Tlb(256, 4);
        mmu = new Stage2Mmu(new ProtectedMemory(memory, gpc), new Stage2Walker(new ProtectedMemory(memory, gpc)));
        mmu.bind(tlb, cache, clock, l0 | (1L << 48), Vtcr.encode(40, 0, 40), true, false);
        // A one-entry TLB: every access of a rotation over a few pages misses the TLB, while the GPT cache
        // and the host's own caches keep the tables and data warm.
        missMmu = new Stage2Mmu(new ProtectedMemory(memory, gpc), new Stage2Walker(new ProtectedMemory(memory, gpc)));
        missMmu.bind(new Tlb(1, 1), cache, clock, l0 | (1L << 48), Vtcr.encode(40, 0, 40), true, false);
    }

    private long load(Stage2Mmu via, long ipa) {
        long pa = via.translate(ipa, false);
        if (pa < 0) {
            throw new IllegalStateException("unexpected fault: " + via.fault());
        }
        clock.event(EventKind.MEM_ACCESS_TLB_HIT, 8);
        return memory.read64(pa);
    }

    /** A load that hits in the TLB, whose entry carries the GPC result. */
    @Benchmark
    public long tlbHit(SimulatedCycles cycles) {
        long t0 = clock.cycles();
        try {
            hitIndex = (hitIndex + 1) & (HIT_PAGES * 512 - 1);
            return load(mmu, hitIndex << 3);
        } finally {
            cycles.add(t0, clock.cycles());
        }
    }

    /** A load that misses the TLB: a 4-level stage-2 walk, each table read GPC-checked (cached GPT information). */
    @Benchmark
    public long fourLevelWalkMiss(SimulatedCycles cycles) {
        long t0 = clock.cycles();
        try {
            hitIndex = (hitIndex + 1) & (HIT_PAGES - 1);
            return load(missMmu, hitIndex << 12 | (hitIndex << 6 & 0xFC0));
        } finally {
            cycles.add(t0, clock.cycles());
        }
    }

    /**
     * A load that misses everything: 64 Ki pages (256 MiB) rotate through a 1024-entry TLB and a 4096-entry
     * GPT cache, so each access is a 4-level walk plus a 2-level GPT walk on cold host memory.
     */
    @Benchmark
    public long fourLevelWalkAndGptMiss(SimulatedCycles cycles) {
        long t0 = clock.cycles();
        try {
            missIndex = (missIndex + 1) & (MISS_PAGES - 1);
            return load(mmu, missIndex << 12);
        } finally {
            cycles.add(t0, clock.cycles());
        }
    }
}
