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
    private final long[] sys = new long[SysReg.values().length];
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
        return sys[reg.ordinal()];
    }

    public void setSys(SysReg reg, long value) {
        sys[reg.ordinal()] = value;
    }

    /** Copies the system registers whose ordinals are {@code regs} into {@code dst}, in that order. */
    public void copySys(int[] regs, long[] dst) {
        for (int i = 0; i < regs.length; i++) {
            dst[i] = sys[regs[i]];
        }
    }

    /** Sets the system registers whose ordinals are {@code regs} from {@code src}, in that order. */
    public void loadSys(int[] regs, long[] src) {
        for (int i = 0; i < regs.length; i++) {
            sys[regs[i]] = src[i];
        }
    }

    /** The system registers (a copy, indexed by {@link SysReg#ordinal()}). */
    public long[] sysRegisters() {
        return sys.clone();
    }

    public void loadSysRegisters(long[] values) {
        System.arraycopy(values, 0, sys, 0, sys.length);
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
