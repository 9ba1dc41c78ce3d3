package org.micasim.simulator.s2;

import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;
import org.micasim.simulator.tlb.Tlb;

/**
 * The stage-2 table walker (Arm ARM DDI0487 §D8.2-D8.3, 4 KiB granule, no LPA2): from VTTBR_EL2 through
 * levels start..3, with concatenated root tables when the start level resolves more than 9 bits. Each
 * descriptor read is a physical access in the walk PAS (Realm for a Realm stage 2, Non-secure otherwise)
 * and is granule protection checked. A leaf yields a TLB entry (output PA, output PAS, S2AP, level);
 * the permission check is the caller's, because it also applies to TLB hits.
 *
 * <p>Faults, in the order the walk meets them: translation fault for a VTCR the walker cannot use (level
 * 0) or an IPA beyond the input size (at the start level); per descriptor read, a GPC fault or external
 * abort on the walk, then a translation fault (invalid descriptor, a block where none is allowed) or an
 * address size fault (next table beyond PS); at the leaf, an address size fault (output beyond PS), then
 * an access flag fault (AF clear; no hardware AF update is modelled).
 */
public final class Stage2Walker {
    private final ProtectedMemory protectedMemory;
    private final PhysicalMemory memory;
    private final MemoryMap map;

    public Stage2Walker(ProtectedMemory protectedMemory) {
        this.protectedMemory = protectedMemory;
        this.memory = protectedMemory.memory();
        this.map = memory.map();
    }

    /** VTTBR_EL2.BADDR [47:1]. */
    public static long vttbrBase(long vttbr) {
        return vttbr & 0x0000_FFFF_FFFF_FFFEL;
    }

    /** VTTBR_EL2.VMID [63:48]. */
    public static int vttbrVmid(long vttbr) {
        return (int) (vttbr >>> 48) & 0xFFFF;
    }

    /**
     * Walks for {@code ipa}. Returns TLB entry data ({@link Tlb} packing) or 0 with {@code fault} filled.
     *
     * @param realm    a Realm stage 2 (walk in the Realm PAS, NS bit honoured) rather than a Non-secure one
     * @param gpfToEl3 SCR_EL3.GPF of the PE
     */
    public long walk(long vttbr, long vtcr, boolean realm, long ipa, GptCache cache, EventSink sink,
                     boolean gpfToEl3, AccessFault fault) {
        Vtcr cfg = Vtcr.decode(vtcr);
        Pas walkPas = realm ? Pas.REALM : Pas.NON_SECURE;
        if (!cfg.valid()) {
            fault.abort(FaultStatus.TRANSLATION, 0, ipa, walkPas, false);
            return 0;
        }
        int level = cfg.startLevel();
        if (ipa >>> cfg.ipaBits() != 0) {
            fault.abort(FaultStatus.TRANSLATION | level, level, ipa, walkPas, false);
            return 0;
        }
        int bits = cfg.startLevelBits();
        long table = vttbrBase(vttbr) & -Math.max(8L << bits, 4096);
        long index = (ipa >>> (12 + 9 * (3 - level))) & ((1L << bits) - 1);
        int oaBits = Math.min(cfg.paBits(), map.paBits());
        while (true) {
            long descPa = table + index * 8;
            if (!protectedMemory.check(cache, sink, walkPas, descPa, gpfToEl3, true, level, fault)) {
                return 0;
            }
            sink.event(EventKind.S2_WALK_STEP, level);
            long desc = memory.read64(descPa);
            if ((desc & S2Descriptor.VALID) == 0) {
                fault.abort(FaultStatus.TRANSLATION | level, level, ipa, walkPas, false);
                return 0;
            }
            boolean tableOrPage = (desc & S2Descriptor.TYPE_TABLE_OR_PAGE) != 0;
            if (level < 3 && tableOrPage) {
                long next = desc & S2Descriptor.ADDRESS_MASK;
                if (next >>> oaBits != 0) {
                    fault.abort(FaultStatus.ADDRESS_SIZE | level, level, ipa, walkPas, false);
                    return 0;
                }
                level++;
                table = next;
                index = (ipa >>> (12 + 9 * (3 - level))) & 0x1FF;
                continue;
            }
            if (level == 0 || (level == 3 && !tableOrPage)) {
                fault.abort(FaultStatus.TRANSLATION | level, level, ipa, walkPas, false);
                return 0;
            }
            long size = S2Descriptor.mapSize(level);
            long oa = (desc & S2Descriptor.ADDRESS_MASK & -size) | (ipa & (size - 1) & ~0xFFFL);
            if (oa >>> oaBits != 0) {
                fault.abort(FaultStatus.ADDRESS_SIZE | level, level, ipa, walkPas, false);
                return 0;
            }
            if ((desc & S2Descriptor.AF) == 0) {
                fault.abort(FaultStatus.ACCESS_FLAG | level, level, ipa, walkPas, false);
                return 0;
            }
            Pas out = realm && (desc & S2Descriptor.NS) != 0 ? Pas.NON_SECURE : walkPas;
            return oa | ((long) out.encoding() << Tlb.DATA_PAS_SHIFT) | ((long) level << Tlb.DATA_LEVEL_SHIFT)
                    | ((desc & S2Descriptor.S2AP_READ) != 0 ? Tlb.DATA_READ : 0)
                    | ((desc & S2Descriptor.S2AP_WRITE) != 0 ? Tlb.DATA_WRITE : 0)
                    | (map.isMemory(oa) ? Tlb.DATA_MEMORY : 0);
        }
    }
}
