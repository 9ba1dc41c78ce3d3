package org.micasim.simulator.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.micasim.simulator.el3.El3Monitor;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.pe.AccessGate;
import org.micasim.simulator.pe.ExceptionLevel;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;
import org.micasim.simulator.pe.Syndrome;
import org.micasim.simulator.s2.AccessFault;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceKind;
import org.micasim.simulator.trace.Tracer;

/**
 * The host's view of one PE at NS-EL2: SMCs to EL3 and Non-secure physical memory accesses, each granule
 * protection checked. A faulting access changes no memory; it sets the fault registers (ESR_EL2/FAR_EL2 for
 * an abort, or ESR_EL3/MFAR_EL3 for a GPC exception) and throws {@link PhysicalAccessException}. The host's
 * own stage 1 is assumed to hit in its TLB (each access costs one {@code MEM_ACCESS_TLB_HIT}). Each access
 * holds the PE's {@link AccessGate} from its check to its memory operation, so another PE's broadcast TLBI
 * PA (a granule transition) completes only after it.
 */
public final class HostCpu {
    private final ProcessingElement pe;
    private final El3Monitor monitor;
    private final ProtectedMemory memory;
    private final Tracer tracer;
    private final AccessFault fault = new AccessFault();

    HostCpu(ProcessingElement pe, El3Monitor monitor, ProtectedMemory memory, Tracer tracer) {
        this.pe = pe;
        this.monitor = monitor;
        this.memory = memory;
        this.tracer = tracer;
    }

    /** The PE index. */
    public int index() {
        return pe.index();
    }

    /** Executes SMC at NS-EL2 with X0 = {@code fid}, X1.. = {@code args}; returns X0..X4. */
    public SmcResult smc(long fid, long... args) {
        monitor.hostSmc(pe, fid, args);
        return result();
    }

    // Fixed-arity forms of smc(fid, args...): the same call without the varargs array, for the RMI
    // commands (at most five arguments) on hot paths.

    /** SMC with X0 = {@code fid} and no arguments; returns X0..X4. */
    public SmcResult smc(long fid) {
        El3Monitor.requireNsEl2(pe);
        return enter(fid);
    }

    /** SMC with X0 = {@code fid}, X1 = {@code a1}; returns X0..X4. */
    public SmcResult smc(long fid, long a1) {
        El3Monitor.requireNsEl2(pe);
        pe.setX(1, a1);
        return enter(fid);
    }

    /** SMC with X0 = {@code fid}, X1..X2 = the arguments; returns X0..X4. */
    public SmcResult smc(long fid, long a1, long a2) {
        El3Monitor.requireNsEl2(pe);
        pe.setX(1, a1);
        pe.setX(2, a2);
        return enter(fid);
    }

    /** SMC with X0 = {@code fid}, X1..X3 = the arguments; returns X0..X4. */
    public SmcResult smc(long fid, long a1, long a2, long a3) {
        El3Monitor.requireNsEl2(pe);
        pe.setX(1, a1);
        pe.setX(2, a2);
        pe.setX(3, a3);
        return enter(fid);
    }

    /** SMC with X0 = {@code fid}, X1..X4 = the arguments; returns X0..X4. */
    public SmcResult smc(long fid, long a1, long a2, long a3, long a4) {
        El3Monitor.requireNsEl2(pe);
        pe.setX(1, a1);
        pe.setX(2, a2);
        pe.setX(3, a3);
        pe.setX(4, a4);
        return enter(fid);
    }

    /** SMC with X0 = {@code fid}, X1..X5 = the arguments; returns X0..X4. */
    public SmcResult smc(long fid, long a1, long a2, long a3, long a4, long a5) {
        El3Monitor.requireNsEl2(pe);
        pe.setX(1, a1);
        pe.setX(2, a2);
        pe.setX(3, a3);
        pe.setX(4, a4);
        pe.setX(5, a5);
        return enter(fid);
    }

    private SmcResult enter(long fid) {
        pe.setX(0, fid);
        monitor.hostSmc(pe);
        return result();
    }

    private SmcResult result() {
        return new SmcResult(pe.x(0), pe.x(1), pe.x(2), pe.x(3), pe.x(4));
    }

    /** Writes {@code data} at {@code pa} in the Non-secure PAS; nothing is written if any granule faults. */
    public void write(long pa, byte[] data) throws PhysicalAccessException {
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pa, data.length, true);
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, data.length);
            memory.memory().write(pa, data, 0, data.length);
        } finally {
            gate.leave();
        }
    }

    /** Reads {@code len} bytes at {@code pa} in the Non-secure PAS. */
    public byte[] read(long pa, int len) throws PhysicalAccessException {
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pa, len, false);
            byte[] out = new byte[len];
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, len);
            memory.memory().read(pa, out, 0, len);
            return out;
        } finally {
            gate.leave();
        }
    }

    /** Reads 8 bytes, little-endian. */
    public long read64(long pa) throws PhysicalAccessException {
        return ByteBuffer.wrap(read(pa, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Writes 8 bytes, little-endian. */
    public void write64(long pa, long value) throws PhysicalAccessException {
        write(pa, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private void check(long pa, long len, boolean write) throws PhysicalAccessException {
        if (len < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + len);
        }
        if (pe.el() != ExceptionLevel.EL2 || pe.securityState() != Pas.NON_SECURE) {
            throw new IllegalStateException("PE " + pe.index() + " is not at NS-EL2");
        }
        checkAddressable(memory, Pas.NON_SECURE, pa, len);
        boolean gpfToEl3 = (pe.sys(SysReg.SCR_EL3) & SysReg.SCR_GPF) != 0;
        if (memory.checkRange(pe.gptCache(), pe.clock(), Pas.NON_SECURE, pa, len, gpfToEl3, fault)) {
            return;
        }
        if (fault.gpcException) {
            pe.setSys(SysReg.ESR_EL3, Syndrome.gpcException(fault.gpcFault.gpcsc(fault.gpcLevel), false, false, write, fault.fsc));
            pe.setSys(SysReg.MFAR_EL3, Syndrome.mfar(fault.pa, fault.pas));
        } else {
            pe.setSys(SysReg.ESR_EL2, Syndrome.dataAbortNoIss(Syndrome.EC_DATA_ABORT_SAME, write, fault.fsc));
            pe.setSys(SysReg.FAR_EL2, fault.pa);
        }
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(pe.clock().cycles(), pe.index(), TraceKind.FAULT, "host " + (write ? "write: " : "read: ") + fault));
        }
        throw new PhysicalAccessException(fault.pa, Pas.NON_SECURE, describe(fault));
    }

    /**
     * Rejects a range that names no physical address: one that wraps past 2^64 or leaves the implemented PA
     * space. Nothing is accessed and no fault register changes; the caller gets the error it names.
     */
    static void checkAddressable(ProtectedMemory memory, Pas pas, long pa, long len) throws PhysicalAccessException {
        if (len <= 0) {
            return;
        }
        int paBits = memory.memory().map().paBits();
        if (Long.compareUnsigned(pa, -len) > 0) {
            throw new PhysicalAccessException(pa, pas, "the " + len + "-byte range wraps past the end of the address space");
        }
        if (Long.compareUnsigned(pa + len - 1, (1L << paBits) - 1) > 0) {
            throw new PhysicalAccessException(pa, pas, "the " + len + "-byte range leaves the " + paBits + "-bit physical address space");
        }
    }

    static String describe(AccessFault f) {
        if (f.gpcException) {
            return "GPC exception to EL3: " + f.gpcFault + " at GPT level " + f.gpcLevel;
        }
        switch (f.fsc) {
            case 0b101000: return "granule protection fault (GPCF)";
            case 0b010000: return "synchronous external abort (not memory)";
            default: return String.format("abort, fault status 0x%02x", f.fsc);
        }
    }
}
