package org.micasim.simulator.guest;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.micasim.simulator.el3.SmcFid;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.pe.AccessGate;
import org.micasim.simulator.pe.ExceptionLevel;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;
import org.micasim.simulator.pe.Syndrome;
import org.micasim.simulator.s2.AccessFault;
import org.micasim.simulator.s2.Stage2Mmu;
import org.micasim.simulator.s2.Stage2Walker;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.PeClock;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceKind;
import org.micasim.simulator.trace.Tracer;

/**
 * A realm vCPU: architectural state (X0-X30, PC, VTTBR/VTCR) plus a guest program run as a coroutine on
 * its own daemon thread. The hand-off is strict: {@link #run()} releases the guest and blocks until the
 * guest traps; the guest blocks until the next {@code run()}. Only one side runs at a time, so the
 * execution is deterministic and the guest may use the running PE's TLB, GPT cache and clock.
 *
 * <p>Model of the program counter: the program's instructions have no addresses; the PC starts at the
 * entry point (where the program descriptor is) and advances only when R-EL2 completes a trapped
 * instruction by setting PC to the trap's ELR + 4. A trapped access or SMC whose PC was not advanced is
 * executed again when the vCPU is resumed.
 */
public final class Vcpu implements RealmVcpu {
    private static final int SRT = GuestCpu.TRANSFER_REGISTER;
    /** SMCCC 1.2: an SMC64 passes arguments and results in X1..X17. */
    private static final int SMCCC_ARGUMENT_REGISTERS = 17;

    private final ProtectedMemory protectedMemory;
    private final PhysicalMemory memory;
    private final Tracer tracer;
    private final GuestProgramRegistry registry;
    private final Supplier<ProcessingElement> currentPe;
    private long timeslice;
    private final String name;

    private final long[] x = new long[31];
    private long pc;
    private long vttbr;
    private long vtcr;
    // HCR_EL2.TWI/TWE as the firmware last set them; trapped until it says otherwise.
    private boolean trapWfi = true;
    private boolean trapWfe = true;

    // Per-run state, set by run() before the guest is released (the hand-off publishes it).
    private ProcessingElement pe;
    private PeClock sink;
    private long budget;
    private final Stage2Mmu mmu;
    private final AccessFault fault;
    /** The running PE's gate, held by the guest thread from its resume to its next trap (null otherwise). */
    private AccessGate gate;

    private final Semaphore toGuest = new Semaphore(0);
    private final Semaphore toHost = new Semaphore(0);
    private Thread thread;
    private RealmTrap pendingTrap;
    private String panic;
    private volatile boolean closed;
    private String programName = "";
    private byte[] parameters = new byte[0];
    private String failure;
    private GuestException injected;
    private boolean parked;
    private final Cpu cpu = new Cpu();

    /**
     * @param currentPe the PE whose thread is executing R-EL2 code right now (null if none)
     * @param timeslice guest instructions per {@link #run()} before a host timer IRQ preempts the vCPU
     */
    public Vcpu(String name, ProtectedMemory protectedMemory, Stage2Walker walker, Tracer tracer,
                GuestProgramRegistry registry, Supplier<ProcessingElement> currentPe, long timeslice,
                long pc, long[] gprs) {
        this.name = name;
        this.protectedMemory = protectedMemory;
        this.memory = protectedMemory.memory();
        this.mmu = new Stage2Mmu(protectedMemory, walker);
        this.fault = mmu.fault();
        this.tracer = tracer;
        this.registry = registry;
        this.currentPe = currentPe;
        this.timeslice = timeslice;
        this.pc = pc;
        if (gprs != null) {
            System.arraycopy(gprs, 0, x, 0, Math.min(gprs.length, 31));
        }
    }

    @Override
    public long x(int n) {
        return x[n];
    }

    @Override
    public void setX(int n, long value) {
        x[n] = value;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public void setPc(long pc) {
        this.pc = pc;
    }

    @Override
    public void setStage2(long vttbr, long vtcr) {
        this.vttbr = vttbr;
        this.vtcr = vtcr;
    }

    @Override
    public void setWfxTraps(boolean wfi, boolean wfe) {
        this.trapWfi = wfi;
        this.trapWfe = wfe;
    }

    /**
     * The trapped instruction takes a synchronous external abort at R-EL1 when the vCPU resumes: the
     * {@link GuestCpu} call that trapped throws {@link GuestException}.
     */
    @Override
    public void injectSyncExternalAbort() {
        injected = new GuestException(GuestException.Kind.SYNC_EXTERNAL_ABORT, pc);
    }

    /** The trapped instruction takes an Undefined Instruction exception at R-EL1 when the vCPU resumes. */
    @Override
    public void injectUndefined() {
        injected = new GuestException(GuestException.Kind.UNDEFINED, pc);
    }

    /** Sets the guest instructions per {@link #run()} before the host timer preempts the vCPU. */
    public void setTimeslice(long instructions) {
        if (instructions < 1) {
            throw new IllegalArgumentException("the time slice must be at least 1 instruction");
        }
        this.timeslice = instructions;
    }

    /**
     * A probe for tests, run (with the IPA) on the guest's thread after a guest access's TLB miss has been
     * resolved and before the access reaches memory (see {@link Stage2Mmu#setMissProbe}); null removes it.
     */
    public void setMissProbe(LongConsumer probe) {
        mmu.setMissProbe(probe);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Why the program is not running (no descriptor, unknown program, an exception), or null. */
    public synchronized String failure() {
        return failure;
    }

    /** The program name from the descriptor, once fetched. */
    public String programName() {
        return programName;
    }

    @Override
    public RealmTrap run() {
        if (closed) {
            throw new IllegalStateException("vCPU " + name + " is closed");
        }
        if (panic != null) {
            throw new IllegalStateException(panic);
        }
        ProcessingElement p = currentPe.get();
        if (p == null || p.el() != ExceptionLevel.EL2 || p.securityState() != Pas.REALM) {
            throw new IllegalStateException("RealmVcpu.run() must be called by firmware executing at R-EL2");
        }
        pe = p;
        sink = p.clock();
        int vmid = Stage2Walker.vttbrVmid(vttbr);
        // What R-EL2 programs before ERET to the realm: the stage-2 context, and HCR_EL2 with VM (stage 2
        // on), TSC (SMCs trap to EL2 as RSI calls), GPF (granule protection faults go to EL2) and TWI/TWE
        // as the firmware chose them. The guest reads TWI/TWE back from the PE when it executes WFx.
        p.setSys(SysReg.VTTBR_EL2, vttbr);
        p.setSys(SysReg.VTCR_EL2, vtcr);
        long hcr = (p.sys(SysReg.HCR_EL2) & ~(SysReg.HCR_TWI | SysReg.HCR_TWE))
            | SysReg.HCR_VM | SysReg.HCR_TSC | SysReg.HCR_GPF
            | (trapWfi ? SysReg.HCR_TWI : 0) | (trapWfe ? SysReg.HCR_TWE : 0);
        p.setSys(SysReg.HCR_EL2, hcr);
        mmu.bind(p.tlb(), p.gptCache(), sink, vttbr, vtcr, true, (p.sys(SysReg.SCR_EL3) & SysReg.SCR_GPF) != 0);
        budget = timeslice;
        p.setEl(ExceptionLevel.EL1);
        sink.event(EventKind.REALM_SWITCH, 1);
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(sink.cycles(), p.index(), TraceKind.REALM_ENTRY,
                    String.format("%s pc=0x%x vmid=%d", name, pc, vmid)));
        }
        if (thread == null) {
            thread = new Thread(this::guestMain, "vcpu-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        toGuest.release();
        toHost.acquireUninterruptibly();
        p.setEl(ExceptionLevel.EL2);
        sink.event(EventKind.REALM_SWITCH, 1);
        if (panic != null) {
            throw new IllegalStateException(panic);
        }
        RealmTrap t = pendingTrap;
        p.setSys(SysReg.ESR_EL2, t.esr());
        p.setSys(SysReg.FAR_EL2, t.far());
        p.setSys(SysReg.HPFAR_EL2, t.hpfar());
        p.setSys(SysReg.ELR_EL2, pc);
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(sink.cycles(), p.index(), TraceKind.REALM_EXIT,
                    String.format("%s %s esr=0x%x far=0x%x hpfar=0x%x pc=0x%x", name, t.kind(), t.esr(), t.far(), t.hpfar(), pc)));
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread t = thread;
        if (t != null) {
            toGuest.release();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the guest thread has ended (after {@link #close()}). */
    public boolean terminated() {
        Thread t = thread;
        return t == null || !t.isAlive();
    }

    // ---------------------------------------------------------------- guest side

    private void guestMain() {
        toGuest.acquireUninterruptibly();
        if (closed) {
            return;
        }
        enterGuest();
        try {
            try {
                GuestProgram program = loadProgram();
                if (program != null) {
                    program.run(cpu);
                    cpu.smc(SmcFid.PSCI_SYSTEM_OFF);
                }
            } catch (GuestTerminated e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // Anything escaping the program (an injected exception it did not catch, a bug) ends it.
                fail("guest program " + programName + " ended by " + e);
            }
            parkForever();
        } catch (GuestTerminated e) {
            // closed: the thread ends
        } finally {
            leaveGuest(); // whatever ends the thread, no other PE may wait for it
        }
    }

    /**
     * A vCPU with nothing to run sits in a WFI loop: every resume traps WFx again if WFI is trapped, else
     * sleeps until the host timer's IRQ.
     */
    private void parkForever() {
        parked = true;
        while (true) {
            cpu.waitForInterrupt();
        }
    }

    /**
     * WFI ({@code wfe} false) or WFE (true). Trapped per HCR_EL2.TWI/TWE: ESR EC 0x01, IL, TI = 0 (WFI) or
     * 1 (WFE), and R-EL2 completes it. Untrapped: the PE sleeps until the host timer expires, i.e. for
     * the rest of the time slice, charged as guest instruction time (IPC 1, the unit of the time slice),
     * then the timer's IRQ traps. The WFx is then complete; as for every untrapped instruction the PC is
     * left alone (see the class comment).
     */
    private void waitFor(boolean wfe) {
        instruction(1);
        long trapBit = wfe ? SysReg.HCR_TWE : SysReg.HCR_TWI;
        if ((pe.sys(SysReg.HCR_EL2) & trapBit) != 0) {
            long esr = ((long) TrapKind.WFX.exceptionClass() << 26) | (1L << 25) | (wfe ? 1 : 0);
            trap(new RealmTrap(TrapKind.WFX, esr, 0, 0));
            return;
        }
        if (budget > 0) {
            sink.event(EventKind.GUEST_INSTRUCTIONS, budget);
            budget = 0;
        }
        trap(new RealmTrap(TrapKind.IRQ, 0, 0, 0));
    }

    /** Fetches the descriptor at the PC of the first run (REC_CREATE's PC, or a PSCI CPU_ON entry point). */
    private GuestProgram loadProgram() {
        long entryPc = pc;
        byte[] header = new byte[GuestImage.HEADER_BYTES];
        fetch(entryPc, header);
        int[] lengths = GuestImage.parseHeader(header);
        if (lengths == null) {
            fail(String.format("no program descriptor (magic MICAGST1) at PC 0x%x", entryPc));
            return null;
        }
        byte[] rest = new byte[lengths[0] + lengths[1]];
        fetch(entryPc + GuestImage.HEADER_BYTES, rest);
        programName = new String(rest, 0, lengths[0], java.nio.charset.StandardCharsets.UTF_8);
        parameters = java.util.Arrays.copyOfRange(rest, lengths[0], rest.length);
        GuestProgram p = registry.create(programName).orElse(null);
        if (p == null) {
            fail("guest program " + programName + " is not registered");
        }
        return p;
    }

    private synchronized void fail(String why) {
        failure = why;
    }

    /**
     * Guest code starts running on the PE {@link #run()} chose: it holds that PE's {@link AccessGate} until
     * it traps, so another PE's broadcast TLBI waits for its accesses in flight (see {@link #instruction}).
     */
    private void enterGuest() {
        gate = pe.accessGate();
        gate.enter();
    }

    /** Guest code stops (it is about to trap, panic or end): nothing of it is in flight any more. */
    private void leaveGuest() {
        AccessGate g = gate;
        if (g != null) {
            gate = null;
            g.leave();
        }
    }

    /** Hands control to R-EL2 with {@code t} and waits to be resumed. */
    private void trap(RealmTrap t) {
        pendingTrap = t;
        leaveGuest();
        toHost.release();
        toGuest.acquireUninterruptibly();
        if (closed) {
            throw new GuestTerminated();
        }
        enterGuest();
        GuestException e = injected;
        injected = null;
        if (e != null && !parked) {
            throw e;
        }
    }

    /** Reports a GPC exception to EL3 (TF-A treats it as fatal: the platform panics). */
    private void panic() {
        pe.setSys(SysReg.ESR_EL3, Syndrome.gpcException(fault.gpcFault.gpcsc(fault.gpcLevel), fault.onWalk, false,
                false, fault.fsc | (fault.onWalk ? fault.level : 0)));
        pe.setSys(SysReg.MFAR_EL3, Syndrome.mfar(fault.pa, fault.pas));
        panic = "EL3 panic: " + fault + " on a guest access of " + name;
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(sink.cycles(), pe.index(), TraceKind.FAULT, panic));
        }
        leaveGuest();
        toHost.release();
        while (true) {
            toGuest.acquireUninterruptibly();
            if (closed) {
                throw new GuestTerminated();
            }
            toHost.release();
        }
    }

    /**
     * One instruction boundary: the host timer preempts the vCPU when its time slice is used up. It is also
     * the guest's safe point for broadcast TLB maintenance: the previous operation's accesses have
     * completed, so a pending sync is acknowledged here (one plain load when none is pending).
     */
    private void instruction(long count) {
        gate.safePoint();
        if (budget <= 0) {
            trap(new RealmTrap(TrapKind.IRQ, 0, 0, 0));
        }
        budget -= count;
    }

    private long access(long ipa, boolean write) {
        return mmu.translate(ipa, write);
    }

    /**
     * Traps a failed data access to R-EL2 (or panics for a GPC exception). Returns true if the firmware
     * completed it (PC advanced by 4), false if it must be retried.
     */
    private boolean dataAbort(long ipa, boolean write, int sizeLog2) {
        if (fault.gpcException) {
            panic();
        }
        long esr = Syndrome.dataAbort(Syndrome.EC_DATA_ABORT_LOWER, sizeLog2, SRT, sizeLog2 == 3, write, fault.fsc);
        long trapPc = pc;
        trap(new RealmTrap(TrapKind.DATA_ABORT, esr, ipa, Syndrome.hpfar(ipa)));
        return pc == trapPc + 4;
    }

    /** Instruction fetch of {@code dst.length} bytes at {@code ipa}; instruction aborts are retried. */
    private void fetch(long ipa, byte[] dst) {
        int done = 0;
        while (done < dst.length) {
            long a = ipa + done;
            int n = (int) Math.min(dst.length - done, 4096 - (a & 0xFFF));
            long pa = access(a, false);
            if (pa < 0) {
                if (fault.gpcException) {
                    panic();
                }
                trap(new RealmTrap(TrapKind.INSTRUCTION_ABORT, Syndrome.instructionAbort(fault.fsc), a, Syndrome.hpfar(a)));
                continue;
            }
            sink.event(EventKind.MEM_ACCESS_TLB_HIT, n);
            memory.read(pa, dst, done, n);
            done += n;
        }
    }

    private long loadValue(long ipa, int size) {
        while (true) {
            long pa = access(ipa, false);
            if (pa >= 0) {
                sink.event(EventKind.MEM_ACCESS_TLB_HIT, size);
                if (size == 8) {
                    return memory.read64(pa);
                }
                long v = 0;
                for (int i = size - 1; i >= 0; i--) {
                    v = (v << 8) | (memory.read8(pa + i) & 0xFF);
                }
                return v;
            }
            if (dataAbort(ipa, false, Long.numberOfTrailingZeros(size))) {
                return size == 8 ? x[SRT] : x[SRT] & ((1L << (8 * size)) - 1);
            }
        }
    }

    private void storeValue(long ipa, long value, int size) {
        while (true) {
            long pa = access(ipa, true);
            if (pa >= 0) {
                sink.event(EventKind.MEM_ACCESS_TLB_HIT, size);
                if (size == 8) {
                    memory.write64(pa, value);
                } else {
                    for (int i = 0; i < size; i++) {
                        memory.write8(pa + i, (byte) (value >>> (8 * i)));
                    }
                }
                return;
            }
            x[SRT] = value;
            if (dataAbort(ipa, true, Long.numberOfTrailingZeros(size))) {
                return;
            }
        }
    }

    /** The largest naturally aligned access size (1..8) at {@code ipa} not beyond {@code remaining}. */
    private static int chunk(long ipa, int remaining) {
        int s = 8;
        while (s > 1 && ((ipa & (s - 1)) != 0 || s > remaining)) {
            s >>= 1;
        }
        return s;
    }

    /** The guest-facing view. */
    private final class Cpu implements GuestCpu {
        @Override
        public long load64(long ipa) {
            instruction(1);
            if ((ipa & 0xFFF) <= 0xFF8) {
                return loadValue(ipa, 8);
            }
            byte[] b = new byte[8];
            loadBytes(ipa, b, 0, 8);
            return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        }

        @Override
        public void store64(long ipa, long value) {
            instruction(1);
            if ((ipa & 0xFFF) <= 0xFF8) {
                storeValue(ipa, value, 8);
                return;
            }
            byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
            storeBytes(ipa, b, 0, 8);
        }

        @Override
        public void load(long ipa, byte[] dst, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, dst.length);
            instruction((len + 7) / 8);
            loadBytes(ipa, dst, off, len);
        }

        @Override
        public void store(long ipa, byte[] src, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, src.length);
            instruction((len + 7) / 8);
            storeBytes(ipa, src, off, len);
        }

        private void loadBytes(long ipa, byte[] dst, int off, int len) {
            while (len > 0) {
                int n = (int) Math.min(len, 4096 - (ipa & 0xFFF));
                long pa = access(ipa, false);
                if (pa >= 0) {
                    sink.event(EventKind.MEM_ACCESS_TLB_HIT, n);
                    memory.read(pa, dst, off, n);
                } else {
                    n = chunk(ipa, len);
                    long v = loadValue(ipa, n);
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (byte) (v >>> (8 * i));
                    }
                }
                ipa += n;
                off += n;
                len -= n;
            }
        }

        private void storeBytes(long ipa, byte[] src, int off, int len) {
            while (len > 0) {
                int n = (int) Math.min(len, 4096 - (ipa & 0xFFF));
                long pa = access(ipa, true);
                if (pa >= 0) {
                    sink.event(EventKind.MEM_ACCESS_TLB_HIT, n);
                    memory.write(pa, src, off, n);
                } else {
                    n = chunk(ipa, len);
                    long v = 0;
                    for (int i = n - 1; i >= 0; i--) {
                        v = (v << 8) | (src[off + i] & 0xFF);
                    }
                    storeValue(ipa, v, n);
                }
                ipa += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public long[] smc(long fid, long... args) {
            if (args.length > SMCCC_ARGUMENT_REGISTERS) {
                throw new IllegalArgumentException("an SMC from a realm passes at most "
                        + SMCCC_ARGUMENT_REGISTERS + " arguments (X1..X17), got " + args.length);
            }
            instruction(1);
            x[0] = fid;
            for (int i = 0; i < SMCCC_ARGUMENT_REGISTERS; i++) {
                x[i + 1] = i < args.length ? args[i] : 0;
            }
            while (true) {
                long trapPc = pc;
                trap(new RealmTrap(TrapKind.SMC, Syndrome.smc(), 0, 0));
                if (pc == trapPc + 4) {
                    return Arrays.copyOf(x, SMCCC_ARGUMENT_REGISTERS + 1);
                }
            }
        }

        @Override
        public long x(int n) {
            return x[n];
        }

        @Override
        public void waitForInterrupt() {
            waitFor(false);
        }

        @Override
        public void waitForEvent() {
            waitFor(true);
        }

        @Override
        public void compute(long instructions) {
            if (instructions < 0) {
                throw new IllegalArgumentException("instructions must be >= 0");
            }
            gate.safePoint();
            while (instructions > 0) {
                if (budget <= 0) {
                    trap(new RealmTrap(TrapKind.IRQ, 0, 0, 0));
                }
                long k = Math.min(instructions, Math.max(budget, 1));
                sink.event(EventKind.GUEST_INSTRUCTIONS, k);
                budget -= k;
                instructions -= k;
            }
        }

        @Override
        public String programName() {
            return programName;
        }

        @Override
        public byte[] parameters() {
            return parameters.clone();
        }
    }
}
