package org.micasim.simulator.machine;

import java.util.function.LongPredicate;
import org.micasim.simulator.el3.El3Monitor;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.MonitorResult;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.pe.AccessGate;
import org.micasim.simulator.pe.ExceptionLevel;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;
import org.micasim.simulator.pe.Syndrome;
import org.micasim.simulator.s2.AccessFault;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * {@link FirmwareServices} for the RMM: every call acts on the PE whose thread is executing R-EL2 code
 * (the machine tracks it per thread). Memory accesses are checked for the PAS they name (R-EL2 can reach
 * the Realm and Non-secure PAS only); a fault sets ESR_EL2/FAR_EL2 (or ESR_EL3/MFAR_EL3) and throws,
 * leaving memory unchanged. The RMM's own stage 1 is assumed to hit (one MEM_ACCESS_TLB_HIT per access).
 * Each access holds the PE's {@link AccessGate} from its check to its memory operation, so another PE's
 * broadcast TLBI PA completes only after it (a Non-secure buffer delegated meanwhile is either accessed
 * before the transition completes or faults).
 */
final class RealmEl2Services implements FirmwareServices {
    private final Machine machine;
    private final ProtectedMemory memory;
    private final El3Monitor monitor;
    /** One fault record per PE, filled by a failed check (a PE runs one access at a time). */
    private final AccessFault[] faults;

    RealmEl2Services(Machine machine, ProtectedMemory memory, El3Monitor monitor, int processingElements) {
        this.machine = machine;
        this.memory = memory;
        this.monitor = monitor;
        this.faults = new AccessFault[processingElements];
        for (int i = 0; i < processingElements; i++) {
            faults[i] = new AccessFault();
        }
    }

    private ProcessingElement pe() {
        ProcessingElement pe = machine.currentRealmPe();
        if (pe == null || pe.el() != ExceptionLevel.EL2 || pe.securityState() != Pas.REALM) {
            throw new IllegalStateException("FirmwareServices used outside R-EL2 execution (no PE is running the firmware on this thread)");
        }
        return pe;
    }

    private void check(ProcessingElement pe, Pas pas, long pa, long len, boolean write) throws PhysicalAccessException {
        if (pas != Pas.REALM && pas != Pas.NON_SECURE) {
            throw new PhysicalAccessException(pa, pas, "R-EL2 can only access the Realm and Non-secure PAS");
        }
        HostCpu.checkAddressable(memory, pas, pa, len);
        AccessFault fault = faults[pe.index()];
        boolean gpfToEl3 = (pe.sys(SysReg.SCR_EL3) & SysReg.SCR_GPF) != 0;
        if (memory.checkRange(pe.gptCache(), pe.clock(), pas, pa, len, gpfToEl3, fault)) {
            return;
        }
        if (fault.gpcException) {
            pe.setSys(SysReg.ESR_EL3, Syndrome.gpcException(fault.gpcFault.gpcsc(fault.gpcLevel), false, false, write, fault.fsc));
            pe.setSys(SysReg.MFAR_EL3, Syndrome.mfar(fault.pa, fault.pas));
        } else {
            pe.setSys(SysReg.ESR_EL2, Syndrome.dataAbortNoIss(Syndrome.EC_DATA_ABORT_SAME, write, fault.fsc));
            pe.setSys(SysReg.FAR_EL2, fault.pa);
        }
        throw new PhysicalAccessException(fault.pa, pas, HostCpu.describe(fault));
    }

    @Override
    public long read64(Pas pas, long pa) throws PhysicalAccessException {
        ProcessingElement pe = pe();
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pe, pas, pa, 8, false);
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, 8);
            return memory.memory().read64(pa);
        } finally {
            gate.leave();
        }
    }

    @Override
    public void write64(Pas pas, long pa, long value) throws PhysicalAccessException {
        ProcessingElement pe = pe();
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pe, pas, pa, 8, true);
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, 8);
            memory.memory().write64(pa, value);
        } finally {
            gate.leave();
        }
    }

    @Override
    public int scan64(Pas pas, long pa, int count, LongPredicate stop) throws PhysicalAccessException {
        if ((pa & 7) != 0 || count < 0 || count > (4096 - (int) (pa & 0xFFF)) / 8) {
            throw new IllegalArgumentException(String.format("scan of %d words at 0x%x is not aligned inside one granule", count, pa));
        }
        ProcessingElement pe = pe();
        AccessGate gate = pe.accessGate();
        int i;
        gate.enter();
        try {
            check(pe, pas, pa, 8L * count, false);
            i = memory.memory().scan64(pa, count, stop);
        } finally {
            gate.leave();
        }
        int loads = Math.min(i + 1, count);
        pe.clock().events(EventKind.MEM_ACCESS_TLB_HIT, loads, 8);
        if (loads > 1) {
            // the loads after the first find the granule's GPT information cached, as read64 would
            pe.clock().events(EventKind.GPC_CACHED, loads - 1, 1);
        }
        return i;
    }

    @Override
    public void read(Pas pas, long pa, byte[] dst, int offset, int len) throws PhysicalAccessException {
        java.util.Objects.checkFromIndexSize(offset, len, dst.length);
        ProcessingElement pe = pe();
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pe, pas, pa, len, false);
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, len);
            memory.memory().read(pa, dst, offset, len);
        } finally {
            gate.leave();
        }
    }

    @Override
    public void write(Pas pas, long pa, byte[] src, int offset, int len) throws PhysicalAccessException {
        java.util.Objects.checkFromIndexSize(offset, len, src.length);
        ProcessingElement pe = pe();
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pe, pas, pa, len, true);
            pe.clock().event(EventKind.MEM_ACCESS_TLB_HIT, len);
            memory.memory().write(pa, src, offset, len);
        } finally {
            gate.leave();
        }
    }

    @Override
    public void zeroGranule(Pas pas, long pa) throws PhysicalAccessException {
        ProcessingElement pe = pe();
        long base = pa & ~0xFFFL;
        AccessGate gate = pe.accessGate();
        gate.enter();
        try {
            check(pe, pas, base, 4096, true);
            pe.clock().event(EventKind.ZERO_BYTES, 4096);
            memory.memory().zeroGranule(base);
        } finally {
            gate.leave();
        }
    }

    @Override
    public MonitorResult monitorCall(long fid, long... args) {
        return monitor.rmmCall(pe(), fid, args);
    }

    @Override
    public void tlbiVmid(int vmid) {
        machine.tlbiVmid(pe(), vmid);
    }

    @Override
    public void tlbiIpa(int vmid, long ipa) {
        machine.tlbiIpa(pe(), vmid, ipa);
    }

    @Override
    public RealmVcpu createVcpu(long pc, long[] gprs) {
        return machine.createVcpu(pc, gprs);
    }

    @Override
    public EventSink events() {
        return events;
    }

    /** Charges the firmware's events to the PE running it (dropped if called outside R-EL2). */
    private final EventSink events = this::charge;

    private void charge(EventKind kind, long amount) {
        ProcessingElement pe = machine.currentRealmPe();
        if (pe != null) {
            pe.clock().event(kind, amount);
        }
    }
}
