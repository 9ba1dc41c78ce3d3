package org.micasim.simulator.pe;

import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.timing.PeClock;
import org.micasim.simulator.tlb.Tlb;

/**
 * One processing element: its exception level and security state (from SCR_EL3.{NSE,NS} below EL3),
 * X0-X30, the system registers in {@link SysReg}, its TLB, its cached GPT information, its clock and the
 * {@link AccessGate} that other PEs' broadcast TLB maintenance waits on. A PE is driven by one thread at a
 * time.
 */
public final class ProcessingElement {
    private final int index;
    private final long[] x = new long[31];
    /**
     * The system registers EL3 banks per world (the EL2 state and SCR_EL3, which TF-A's context management
     * saves and restores on a world switch). They live in the current world's bank, see {@link #useBank}.
     */
    public static final SysReg[] WORLD_BANKED = {SysReg.SCR_EL3, SysReg.HCR_EL2, SysReg.VTTBR_EL2, SysReg.VTCR_EL2,
        SysReg.ESR_EL2, SysReg.FAR_EL2, SysReg.HPFAR_EL2, SysReg.ELR_EL2, SysReg.SPSR_EL2};
    /** Per register ordinal: its slot in a bank, or -1 if the register is not banked. */
    private static final int[] BANK_SLOT = new int[SysReg.values().length];

    static {
        java.util.Arrays.fill(BANK_SLOT, -1);
        for (int i = 0; i < WORLD_BANKED.length; i++) {
            BANK_SLOT[WORLD_BANKED[i].ordinal()] = i;
        }
    }

    private final long[] sys = new long[SysReg.values().length];
    /** The current world's banked registers, in {@link #WORLD_BANKED} order. */
    private long[] bank = new long[WORLD_BANKED.length];
    private final Tlb tlb;
    private final GptCache gptCache;
    private final PeClock clock;
    private final AccessGate accessGate;
    private ExceptionLevel el = ExceptionLevel.EL2;
    /**
     * The thread running R-EL2 software on this PE, or null. Written only by that thread (on entry and
     * exit), so a thread that finds itself here is the one running this PE's firmware.
     */
    private Thread firmwareThread;

    public ProcessingElement(int index, Tlb tlb, GptCache gptCache, PeClock clock) {
        this(index, tlb, gptCache, clock, new AccessGate());
    }

    /** A PE whose broadcast-maintenance gate is {@code accessGate} (unshared on a one-PE machine). */
    public ProcessingElement(int index, Tlb tlb, GptCache gptCache, PeClock clock, AccessGate accessGate) {
        this.index = index;
        this.tlb = tlb;
        this.gptCache = gptCache;
        this.clock = clock;
        this.accessGate = accessGate;
    }

    public int index() {
        return index;
    }

    public long x(int n) {
        return x[n];
    }

    public void setX(int n, long value) {
        x[n] = value;
    }

    /** X0..X30 (a copy). */
    public long[] registers() {
        return x.clone();
    }

    /** Copies X0..X30 into {@code dst} (the allocation-free form of {@link #registers()}). */
    public void copyRegisters(long[] dst) {
        System.arraycopy(x, 0, dst, 0, 31);
    }

    /** Replaces X0..X30 (world switch). */
    public void loadRegisters(long[] values) {
        System.arraycopy(values, 0, x, 0, 31);
    }

    public long sys(SysReg reg) {
        int b = BANK_SLOT[reg.ordinal()];
        return b >= 0 ? bank[b] : sys[reg.ordinal()];
    }

    public void setSys(SysReg reg, long value) {
        int b = BANK_SLOT[reg.ordinal()];
        if (b >= 0) {
            bank[b] = value;
        } else {
            sys[reg.ordinal()] = value;
        }
    }

    /**
     * A world switch at EL3: from now on the banked registers are {@code worldBank} (that world's saved
     * copy, {@link #WORLD_BANKED} order, which the PE then reads and writes in place). The bank left
     * behind keeps the other world's values, exactly as a save into its context would have; switching a
     * reference instead of copying nine registers twice is the simulator's shortcut, not the model's
     * cost (EL3 still charges the register moves).
     */
    public void useBank(long[] worldBank) {
        if (worldBank.length != WORLD_BANKED.length) {
            throw new IllegalArgumentException("a bank holds " + WORLD_BANKED.length + " registers");
        }
        bank = worldBank;
    }

    /** The system registers (a copy, indexed by {@link SysReg#ordinal()}). */
    public long[] sysRegisters() {
        long[] all = sys.clone();
        for (int i = 0; i < WORLD_BANKED.length; i++) {
            all[WORLD_BANKED[i].ordinal()] = bank[i];
        }
        return all;
    }

    public void loadSysRegisters(long[] values) {
        for (SysReg r : SysReg.values()) {
            setSys(r, values[r.ordinal()]);
        }
    }

    /** Records that the current thread starts ({@code running}) or stops running R-EL2 code on this PE. */
    public void setFirmwareThread(boolean running) {
        firmwareThread = running ? Thread.currentThread() : null;
    }

    /** Whether the current thread is running R-EL2 code on this PE. */
    public boolean runsFirmwareOnCurrentThread() {
        return firmwareThread == Thread.currentThread();
    }

    public ExceptionLevel el() {
        return el;
    }

    public void setEl(ExceptionLevel el) {
        this.el = el;
    }

    /** The PAS of the current security state: Root at EL3, else from SCR_EL3.{NSE,NS}. */
    public Pas securityState() {
        if (el == ExceptionLevel.EL3) {
            return Pas.ROOT;
        }
        long scr = sys(SysReg.SCR_EL3);
        int nse = (scr & SysReg.SCR_NSE) != 0 ? 1 : 0;
        int ns = (scr & SysReg.SCR_NS) != 0 ? 1 : 0;
        return Pas.fromEncoding(nse << 1 | ns);
    }

    public Tlb tlb() {
        return tlb;
    }

    public GptCache gptCache() {
        return gptCache;
    }

    public PeClock clock() {
        return clock;
    }

    /** What a broadcast TLBI issued by another PE waits for: this PE's accesses in flight. */
    public AccessGate accessGate() {
        return accessGate;
    }
}
