package org.micasim.simulator.gpt;

import java.util.concurrent.atomic.AtomicLong;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * The granule protection check every physical access goes through, in the architectural order
 * (Arm ARM DDI0487 §D9.4; the same order as QEMU's granule_protection_check):
 * <ol>
 * <li>GPCCR_EL3.GPC clear: the access passes;</li>
 * <li>an invalid GPCCR configuration: GPT walk fault at level 0;</li>
 * <li>PA at or above 2^PPS: passes for the Non-secure PAS, otherwise a GPT address-size fault (level 0);</li>
 * <li>GPTBR base at or above 2^PPS: address-size fault (level 0);</li>
 * <li>level-0 fetch from the Root PAS (not memory: external abort, level 0); a bad descriptor is a walk
 * fault at level 0; a table descriptor leads to the level-1 fetch (external abort / walk fault at
 * level 1); a reserved GPI is a walk fault at the level where it was found;</li>
 * <li>the GPI does not permit the PAS: granule protection fault.</li>
 * </ol>
 * A GPI found by a walk is cached in the PE's {@link GptCache}; cached information is used until a TLBI
 * PA operation drops it. Results are ints (0 = pass, else {@link GpcFault#code}) so the check never
 * allocates.
 */
public final class GranuleProtectionCheck {
    private final PhysicalMemory memory;
    private final MemoryMap map;
    private final GptRegisters registers;
    /** Marks a walk result that depends on the PAS (an NS access beyond PPS) and so is not cached. */
    private static final int NOT_CACHEABLE = 0x100;
    /** Seqlock-style count of GPT updates: odd while EL3 is changing the GPT; see {@link #beginUpdate}. */
    private final AtomicLong generation = new AtomicLong();

    public GranuleProtectionCheck(PhysicalMemory memory, GptRegisters registers) {
        this.memory = memory;
        this.map = memory.map();
        this.registers = registers;
    }

    public GptRegisters registers() {
        return registers;
    }

    /**
     * Checks an access to {@code pa} in {@code pas}, using and filling {@code cache}; walk steps and cache
     * hits are reported to {@code sink}. Returns 0 if the access may proceed, else a fault code.
     */
    public int check(GptCache cache, Pas pas, long pa, EventSink sink) {
        if (!registers.enabled()) {
            return 0;
        }
        int cached = cache.lookup(pa);
        if (cached >= 0) {
            sink.event(EventKind.GPC_CACHED, 1);
            return Gpi.permits(cached & 0xF, pas) ? 0 : GpcFault.GRANULE_PROTECTION.code(cached >>> 4);
        }
        Gpccr cfg = registers.config();
        long gen = generation.get();
        int found = walk(cfg, pas, pa, sink);
        if (found < 0) {
            return -found;
        }
        int gpi = found & 0xF;
        int level = (found >>> 4) & 1;
        if ((gen & 1) == 0 && (found & NOT_CACHEABLE) == 0) {
            cache.fill(pa, gpi, level);
            if (generation.get() != gen) {
                cache.invalidateRange(pa & ~0xFFFL, 4096);
            }
        }
        return Gpi.permits(gpi, pas) ? 0 : GpcFault.GRANULE_PROTECTION.code(level);
    }

    /**
     * Looks up the GPI of {@code pa} without a cache and without events, for inspection. Returns the
     * GPI (0..15), or -1 if the GPT cannot be walked for this PA (GPC disabled, beyond PPS, a GPT fault).
     */
    public int lookupGpi(long pa) {
        Gpccr cfg = registers.config();
        if (!cfg.gpc() && registers.gptbr() == 0) {
            return -1;
        }
        int found = walk(cfg, Pas.ROOT, pa, (k, a) -> { });
        return found < 0 ? -1 : found & 0xF;
    }

    /** Walks the GPT: returns (flags | level << 4 | gpi), or minus a fault code. */
    private int walk(Gpccr cfg, Pas pas, long pa, EventSink sink) {
        if (!cfg.valid(map.paBits())) {
            return -GpcFault.WALK.code(0);
        }
        int t = cfg.protectedPaBits();
        if (pa >>> t != 0) {
            return pas == Pas.NON_SECURE ? NOT_CACHEABLE | Gpi.ANY.value() : -GpcFault.ADDRESS_SIZE.code(0);
        }
        long l0Base = registers.l0Base();
        if (l0Base >>> t != 0) {
            return -GpcFault.ADDRESS_SIZE.code(0);
        }
        int s = cfg.l0Shift();
        long l0Index = s >= t ? 0 : pa >>> s;
        long l0Tables = s >= t ? 1 : 1L << (t - s);
        long l0Pa = (l0Base & -(l0Tables * 8 < 4096 ? 4096 : l0Tables * 8)) + l0Index * 8;
        if (!map.isMemory(l0Pa)) {
            return -GpcFault.EXTERNAL_ABORT.code(0);
        }
        sink.event(EventKind.GPT_WALK_STEP, 0);
        long l0 = memory.read64(l0Pa);
        int type = (int) l0 & 0xF;
        if (type == GptDescriptor.L0_TYPE_BLOCK) {
            int gpi = GptDescriptor.blockGpi(l0);
            if ((l0 >>> 8) != 0 || !Gpi.isValid(gpi)) {
                return -GpcFault.WALK.code(0);
            }
            return gpi;
        }
        if (type != GptDescriptor.L0_TYPE_TABLE) {
            return -GpcFault.WALK.code(0);
        }
        long l1Base = l0 & GptDescriptor.L0_TABLE_ADDR_MASK;
        int l1IndexBits = s - 12 - 4;
        long l1Align = Math.max(1L << Math.min(l1IndexBits + 3, 62), 4096);
        if (l1Base >>> t != 0 || (l1Base & (l1Align - 1)) != 0 || (l0 & ~(GptDescriptor.L0_TABLE_ADDR_MASK | 0xF)) != 0) {
            return -GpcFault.WALK.code(0);
        }
        long l1Index = (pa >>> 16) & ((1L << l1IndexBits) - 1);
        long l1Pa = l1Base + l1Index * 8;
        if (!map.isMemory(l1Pa)) {
            return -GpcFault.EXTERNAL_ABORT.code(1);
        }
        sink.event(EventKind.GPT_WALK_STEP, 1);
        long l1 = memory.read64(l1Pa);
        int gpi;
        if (GptDescriptor.isContig(l1)) {
            gpi = GptDescriptor.blockGpi(l1);
            if (GptDescriptor.contigField(l1) == 0 || (l1 >>> 10) != 0) {
                return -GpcFault.WALK.code(1);
            }
        } else {
            gpi = GptDescriptor.gpiAt(l1, (int) (pa >>> 12) & 0xF);
        }
        if (!Gpi.isValid(gpi)) {
            return -GpcFault.WALK.code(1);
        }
        return (1 << 4) | gpi;
    }

    /** EL3 starts changing the GPT: checks that walk from now on do not fill caches. */
    public void beginUpdate() {
        generation.incrementAndGet();
    }

    /** EL3 finished changing the GPT and invalidating what it changed. */
    public void endUpdate() {
        generation.incrementAndGet();
    }
}
