package org.micasim.simulator.s2;

import java.util.function.LongConsumer;
import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;
import org.micasim.simulator.tlb.Tlb;

/**
 * The translation path of a guest access, steps 1-3 of a guest memory access: TLB lookup by (VMID,
 * security state, IPA page); on a miss a stage-2 walk; the granule protection check of the output PA in
 * the output PAS; the S2AP permission check; whether the output is memory. The entry installed after a
 * walk carries the GPC result when it passed (combined TLB and GPT information, dropped by TLBI PA
 * operations), so a hit needs no second lookup. Bound to a PE's TLB, GPT cache and clock and to a stage-2
 * context before use. The hit path never allocates.
 */
public final class Stage2Mmu {
    private static final Pas[] PAS = {Pas.SECURE, Pas.NON_SECURE, Pas.ROOT, Pas.REALM};

    private final ProtectedMemory protectedMemory;
    private final Stage2Walker walker;
    private final AccessFault fault = new AccessFault();
    private Tlb tlb;
    private GptCache cache;
    private EventSink sink;
    private long vttbr;
    private long vtcr;
    private int vmid;
    private boolean realm;
    private boolean gpfToEl3;
    private LongConsumer missProbe;

    public Stage2Mmu(ProtectedMemory protectedMemory, Stage2Walker walker) {
        this.protectedMemory = protectedMemory;
        this.walker = walker;
    }

    /** Uses a PE's TLB, GPT cache and clock, and a stage-2 context (VTTBR_EL2, VTCR_EL2). */
    public void bind(Tlb tlb, GptCache cache, EventSink sink, long vttbr, long vtcr, boolean realm, boolean gpfToEl3) {
        this.tlb = tlb;
        this.cache = cache;
        this.sink = sink;
        this.vttbr = vttbr;
        this.vtcr = vtcr;
        this.vmid = Stage2Walker.vttbrVmid(vttbr);
        this.realm = realm;
        this.gpfToEl3 = gpfToEl3;
    }

    /**
     * A probe for tests: runs (with the IPA) on the translating thread whenever a TLB miss has been resolved (walk, output
     * check, entry installed) and before the access uses the translation, so a test can act in exactly that
     * window (another PE invalidating, say). Null (the default) removes it; only the miss path looks at it.
     */
    public void setMissProbe(LongConsumer probe) {
        this.missProbe = probe;
    }

    /** The last fault (valid after {@link #translate} returned -1). */
    public AccessFault fault() {
        return fault;
    }

    /**
     * Translates an access to {@code ipa} that stays within one 4 KiB page. Returns the PA, or -1 with
     * {@link #fault()} describing the abort (stage-2 fault, GPC fault, external abort).
     */
    public long translate(long ipa, boolean write) {
        long d = tlb.lookup(vmid, realm, ipa);
        if (d == 0) {
            return translateMiss(ipa, write);
        }
        if ((d & (write ? Tlb.DATA_WRITE : Tlb.DATA_READ)) == 0) {
            return permissionFault(d, ipa);
        }
        long pa = (d & Tlb.DATA_PA_MASK) | (ipa & 0xFFF);
        if ((d & Tlb.DATA_GPC_OK) == 0) {
            return checkOutput(d, pa);
        }
        return pa;
    }

    /**
     * TLB miss: walk, check the output granule, install the entry (with the GPC result if it passed). A
     * walk that a TLB invalidation overtook (another PE changed the tables or the GPT and invalidated
     * while it ran) is walked again rather than used, so the access sees the tables as the invalidation
     * left them. Only a concurrent invalidation by another PE moves the epoch during a walk.
     */
    private long translateMiss(long ipa, boolean write) {
        sink.event(EventKind.TLB_MISS, 1);
        while (true) {
            long epoch = tlb.epoch();
            long d = walker.walk(vttbr, vtcr, realm, ipa, cache, sink, gpfToEl3, fault);
            if (d == 0) {
                return -1;
            }
            long pa = (d & Tlb.DATA_PA_MASK) | (ipa & 0xFFF);
            long checked = checkOutput(d, pa);
            if (!tlb.fill(vmid, realm, ipa, checked >= 0 ? d | Tlb.DATA_GPC_OK : d, epoch)) {
                continue;
            }
            if ((d & (write ? Tlb.DATA_WRITE : Tlb.DATA_READ)) == 0) {
                return permissionFault(d, ipa);
            }
            if (missProbe != null && checked >= 0) {
                missProbe.accept(ipa);
            }
            return checked;
        }
    }

    private long permissionFault(long d, long ipa) {
        int level = (int) (d >>> Tlb.DATA_LEVEL_SHIFT) & 3;
        fault.abort(FaultStatus.PERMISSION | level, level, ipa, realm ? Pas.REALM : Pas.NON_SECURE, false);
        return -1;
    }

    /** The granule protection check of the output, then whether it is memory. */
    private long checkOutput(long d, long pa) {
        Pas pas = PAS[(int) (d >>> Tlb.DATA_PAS_SHIFT) & 3];
        if (!protectedMemory.checkGranule(cache, sink, pas, pa, gpfToEl3, false, 0, fault)) {
            return -1;
        }
        if ((d & Tlb.DATA_MEMORY) == 0) {
            fault.abort(FaultStatus.EXTERNAL_ABORT, 0, pa, pas, false);
            return -1;
        }
        return pa;
    }
}
