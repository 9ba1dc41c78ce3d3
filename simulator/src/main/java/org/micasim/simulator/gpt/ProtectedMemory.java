package org.micasim.simulator.gpt;

import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.s2.AccessFault;
import org.micasim.simulator.s2.FaultStatus;
import org.micasim.simulator.timing.EventSink;

/**
 * Physical memory as a PE reaches it: every access is first granule protection checked for its PAS,
 * then must hit memory in the memory map (else a synchronous external abort). Decides how a failed check
 * is reported: GPT faults (address size, walk, external abort on a GPT fetch) always as a GPC exception
 * to EL3; a granule protection fault as a GPC exception if SCR_EL3.GPF is set (and the access is not
 * from EL3), otherwise as an abort with the GPCF status code.
 */
public final class ProtectedMemory {
    private final PhysicalMemory memory;
    private final MemoryMap map;
    private final GranuleProtectionCheck gpc;

    public ProtectedMemory(PhysicalMemory memory, GranuleProtectionCheck gpc) {
        this.memory = memory;
        this.map = memory.map();
        this.gpc = gpc;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public GranuleProtectionCheck gpc() {
        return gpc;
    }

    /**
     * Checks one access to {@code pa} in {@code pas}; returns true if it may proceed, else fills {@code fault}.
     *
     * @param gpfToEl3 SCR_EL3.GPF is set and the access is not made at EL3
     * @param onWalk   the access is a stage-2 table walk read
     * @param level    the walk level (for walk accesses)
     */
    public boolean check(GptCache cache, EventSink sink, Pas pas, long pa, boolean gpfToEl3, boolean onWalk,
                         int level, AccessFault fault) {
        if (!checkGranule(cache, sink, pas, pa, gpfToEl3, onWalk, level, fault)) {
            return false;
        }
        if (!map.isMemory(pa)) {
            fault.abort(onWalk ? FaultStatus.EXTERNAL_ABORT_ON_WALK | level : FaultStatus.EXTERNAL_ABORT, level, pa, pas, onWalk);
            return false;
        }
        return true;
    }

    /**
     * The granule protection check alone (for callers that know the PA is memory, e.g. from a TLB entry);
     * returns true if the access may proceed, else fills {@code fault}.
     */
    public boolean checkGranule(GptCache cache, EventSink sink, Pas pas, long pa, boolean gpfToEl3, boolean onWalk,
                                int level, AccessFault fault) {
        int r = gpc.check(cache, pas, pa, sink);
        if (r == 0) {
            return true;
        }
        GpcFault kind = GpcFault.ofCode(r);
        if (kind != GpcFault.GRANULE_PROTECTION || gpfToEl3) {
            fault.gpc(kind, GpcFault.levelOfCode(r), pa, pas, onWalk);
        } else {
            fault.abort(onWalk ? FaultStatus.GPCF_ON_WALK | level : FaultStatus.GPCF, level, pa, pas, onWalk);
        }
        return false;
    }

    /**
     * Checks every granule of [pa, pa + len) before anything is accessed, so a failing multi-granule
     * access changes nothing.
     */
    public boolean checkRange(GptCache cache, EventSink sink, Pas pas, long pa, long len, boolean gpfToEl3,
                              AccessFault fault) {
        if (len <= 0) {
            return true;
        }
        long end = pa + len;
        for (long g = pa; Long.compareUnsigned(g, end) < 0; g = (g & ~0xFFFL) + 0x1000) {
            if (!check(cache, sink, pas, g, gpfToEl3, false, 0, fault)) {
                return false;
            }
        }
        return true;
    }
}
