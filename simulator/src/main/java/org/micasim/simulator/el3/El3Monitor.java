package org.micasim.simulator.el3;

import java.util.Arrays;
import java.util.function.Consumer;
import org.micasim.simulator.firmware.MonitorResult;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.gpt.GptTransitionResult;
import org.micasim.simulator.gpt.GptTransitions;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.pe.ExceptionLevel;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.pe.SysReg;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;
import org.micasim.simulator.timing.PeClock;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceKind;
import org.micasim.simulator.trace.Tracer;

/**
 * The EL3 monitor (TF-A BL31 with the RMM dispatcher, services/std_svc/rmmd): takes SMCs, routes them by
 * function ID and caller, switches worlds with context save and restore, and serves the RMM-to-EL3 calls.
 *
 * <ul>
 * <li>From NS-EL2: FIDs 0xC4000150..0xC400016F (RMI) go to the RMM: save the Non-secure context, set
 * SCR_EL3.{NSE,NS} = {1,1}, restore the Realm context with X0..X7 from the caller, ERET to R-EL2, run the
 * handler; its return is the RMM's RMM_RMI_REQ_COMPLETE: save the Realm context, restore Non-secure with
 * X0..X4 = the results, ERET. PSCI_VERSION is answered at EL3. Everything else returns SMC_UNK.</li>
 * <li>From R-EL2: RMM_GTSI_DELEGATE / UNDELEGATE, RMM_ATTEST_GET_REALM_KEY / GET_PLAT_TOKEN; other FIDs
 * (and these from any other caller) return E_RMM_UNK / SMC_UNK.</li>
 * </ul>
 * Every step reports an event to the calling PE's clock and, when someone listens, a trace record.
 */
public final class El3Monitor {
    /** PSCI 1.1, what PSCI_VERSION returns. */
    private static final long PSCI_VERSION_1_1 = 0x0001_0001L;
    /** Registers TF-A saves/restores on every SMC entry/exit (X0-X30). */
    private static final int GP_REGS = 31;

    private final ProcessingElement[] pes;
    private final WorldContext[] nsContext;
    private final WorldContext[] realmContext;
    /** Per-PE register copy an R-EL2 call restores on return (see {@link #rmmCall}). */
    private final long[][] rmmCallRegs;
    /** Per-PE view of the registers handed to the RMM (one object per PE, so a call allocates nothing). */
    private final SmcContext[] smcContexts;
    private final GptTransitions transitions;
    private final Tracer tracer;
    private final RealmFirmware firmware;
    private final PlatformAttestation attestation;
    private final AttestationBuffers buffers;
    private final Consumer<ProcessingElement> enterRealmEl2;
    private final Consumer<ProcessingElement> leaveRealmEl2;

    /**
     * @param enterRealmEl2 called when a PE starts running R-EL2 software on the current thread
     * @param leaveRealmEl2 called when it stops
     */
    public El3Monitor(ProcessingElement[] pes, GptTransitions transitions, Tracer tracer, RealmFirmware firmware,
                      PlatformAttestation attestation, AttestationBuffers buffers,
                      Consumer<ProcessingElement> enterRealmEl2, Consumer<ProcessingElement> leaveRealmEl2) {
        this.pes = pes;
        this.transitions = transitions;
        this.tracer = tracer;
        this.firmware = firmware;
        this.attestation = attestation;
        this.buffers = buffers;
        this.enterRealmEl2 = enterRealmEl2;
        this.leaveRealmEl2 = leaveRealmEl2;
        this.nsContext = new WorldContext[pes.length];
        this.realmContext = new WorldContext[pes.length];
        this.rmmCallRegs = new long[pes.length][GP_REGS];
        this.smcContexts = new SmcContext[pes.length];
        for (int i = 0; i < pes.length; i++) {
            smcContexts[i] = new PeSmcContext(pes[i]);
            nsContext[i] = new WorldContext(SysReg.SCR_NS);
            realmContext[i] = new WorldContext(SysReg.SCR_NSE | SysReg.SCR_NS);
        }
    }

    /** Puts every PE at NS-EL2 with its Non-secure SCR_EL3 (the state BL31 leaves a cold-booted PE in). */
    public void resetPes() {
        for (ProcessingElement pe : pes) {
            nsContext[pe.index()].restoreSys(pe);
            pe.setEl(ExceptionLevel.EL2);
        }
    }

    /**
     * RMM cold boot on PE {@code pe}: switch to the Realm world, ERET to the RMM's boot entry, and back
     * to Non-secure when it returns (RMM_BOOT_COMPLETE).
     */
    public void bootFirmware(ProcessingElement pe, Runnable boot) {
        PeClock clock = pe.clock();
        pe.setEl(ExceptionLevel.EL3);
        switchWorld(pe, realmContext[pe.index()], "NS -> Realm (RMM boot)");
        pe.setEl(ExceptionLevel.EL2);
        clock.event(EventKind.ERET, 2);
        enterRealmEl2.accept(pe);
        try {
            boot.run();
        } finally {
            leaveRealmEl2.accept(pe);
            clock.event(EventKind.SMC, 0xC40001CFL);
            pe.setEl(ExceptionLevel.EL3);
            switchWorld(pe, nsContext[pe.index()], "Realm -> NS (RMM boot complete)");
            clock.event(EventKind.ERET, 2);
            pe.setEl(ExceptionLevel.EL2);
        }
    }

    /** SMC executed at NS-EL2 on {@code pe} with X0 = fid and X1.. = args; returns with X0..X4 set. */
    public void hostSmc(ProcessingElement pe, long fid, long[] args) {
        requireNsEl2(pe);
        if (args.length > 17) {
            throw new IllegalArgumentException("an SMC passes at most 17 arguments (X1..X17), got " + args.length);
        }
        pe.setX(0, fid);
        for (int i = 0; i < args.length; i++) {
            pe.setX(i + 1, args[i]);
        }
        hostSmc(pe);
    }

    /**
     * SMC executed at NS-EL2 on {@code pe} with the function ID and arguments already in X0 and X1..X17
     * (the allocation-free form); returns with X0..X4 set.
     */
    public void hostSmc(ProcessingElement pe) {
        requireNsEl2(pe);
        long fid = pe.x(0);
        PeClock clock = pe.clock();
        takeSmc(pe, fid, "NS-EL2");
        try {
            if (SmcFid.isRmi(fid) && firmware != null) {
                dispatchRmi(pe);
            } else if (SmcFid.routed(fid) == SmcFid.PSCI_VERSION) {
                clock.event(EventKind.FIRMWARE_OP, 1);
                pe.setX(0, PSCI_VERSION_1_1);
            } else {
                clock.event(EventKind.FIRMWARE_OP, 1);
                pe.setX(0, SmcFid.SMC_UNK);
            }
        } finally {
            returnFromSmc(pe, "NS-EL2");
        }
    }

    /** Throws unless {@code pe} is at NS-EL2, where a host SMC comes from. */
    public static void requireNsEl2(ProcessingElement pe) {
        if (pe.el() != ExceptionLevel.EL2 || pe.securityState() != Pas.NON_SECURE) {
            throw new IllegalStateException("PE " + pe.index() + " is not at NS-EL2 (it is at " + pe.el() + " in "
                    + pe.securityState() + "); a host SMC needs NS-EL2");
        }
    }

    private void dispatchRmi(ProcessingElement pe) {
        int i = pe.index();
        PeClock clock = pe.clock();
        long[] ns = nsContext[i].x;
        pe.copyRegisters(ns);
        switchWorld(pe, realmContext[i], "NS -> Realm (RMI)");
        pe.loadRegisters(realmContext[i].x);
        for (int k = 0; k < 8; k++) {
            pe.setX(k, ns[k]); // X0..X7 carry the call into R-EL2
        }
        clock.event(EventKind.CONTEXT_SWITCH, GP_REGS);
        clock.event(EventKind.ERET, 2);
        pe.setEl(ExceptionLevel.EL2);
        enterRealmEl2.accept(pe);
        try {
            firmware.handleRmi(smcContexts[i]);
        } finally {
            leaveRealmEl2.accept(pe);
            clock.event(EventKind.SMC, SmcFid.RMM_RMI_REQ_COMPLETE);
            pe.setEl(ExceptionLevel.EL3);
            long[] results = realmContext[i].x;
            pe.copyRegisters(results);
            clock.event(EventKind.CONTEXT_SWITCH, GP_REGS);
            switchWorld(pe, nsContext[i], "Realm -> NS (RMI complete)");
            pe.loadRegisters(ns);
            for (int k = 0; k < 5; k++) {
                pe.setX(k, results[k]); // X0..X4 carry the results back
            }
        }
    }

    /**
     * SMC executed at R-EL2 (the RMM calling EL3). Returns X0..X3; a caller that is not R-EL2 gets SMC_UNK,
     * as TF-A's rmmd only accepts these calls from the Realm world. The PE's X registers are left as they
     * were before the call (see the comment in the body).
     */
    public MonitorResult rmmCall(ProcessingElement pe, long fid, long[] args) {
        if (pe.el() != ExceptionLevel.EL2 || pe.securityState() != Pas.REALM) {
            return new MonitorResult(SmcFid.SMC_UNK, 0, 0, 0);
        }
        long[] regs = rmmCallRegs[pe.index()];
        pe.copyRegisters(regs);
        pe.setX(0, fid);
        for (int k = 0; k < args.length && k < 17; k++) {
            pe.setX(k + 1, args[k]);
        }
        takeSmc(pe, fid, "R-EL2");
        long f = fid & 0xFFFF_FFFFL;
        long a1 = pe.x(1);
        long a2 = pe.x(2);
        long a3 = pe.x(3);
        MonitorResult result;
        if (f == SmcFid.RMM_GTSI_DELEGATE) {
            result = gtsi(pe, transitions.delegate(a1, Pas.REALM, pe.clock()), a1, "delegate");
        } else if (f == SmcFid.RMM_GTSI_UNDELEGATE) {
            result = gtsi(pe, transitions.undelegate(a1, Pas.REALM, pe.clock()), a1, "undelegate");
        } else if (f == SmcFid.RMM_ATTEST_GET_REALM_KEY) {
            result = MonitorResult.of(buffers.realmKey(pe, attestation, a1, a2, a3));
        } else if (f == SmcFid.RMM_ATTEST_GET_PLAT_TOKEN) {
            result = MonitorResult.of(buffers.platformToken(pe, attestation, a1, a2, a3));
        } else {
            pe.clock().event(EventKind.FIRMWARE_OP, 1);
            result = GTSI_UNK;
        }
        // The Java RMM keeps its RMI arguments in the SmcContext (the PE registers) across this call, where
        // C code would keep them in locals; so the registers are restored as they were and the results
        // are returned as a value.
        pe.loadRegisters(regs);
        returnFromSmc(pe, "R-EL2");
        return result;
    }

    /** The results an RMM-EL3 call can give without data (immutable, so shared). */
    private static final MonitorResult GTSI_OK = new MonitorResult(RmmEl3Status.OK.code(), 0, 0, 0);
    private static final MonitorResult GTSI_BAD_ADDR = new MonitorResult(RmmEl3Status.BAD_ADDR.code(), 0, 0, 0);
    private static final MonitorResult GTSI_BAD_PAS = new MonitorResult(RmmEl3Status.BAD_PAS.code(), 0, 0, 0);
    private static final MonitorResult GTSI_UNK = new MonitorResult(RmmEl3Status.UNK.code(), 0, 0, 0);

    private MonitorResult gtsi(ProcessingElement pe, GptTransitionResult result, long pa, String what) {
        if (tracer.enabled()) {
            trace(pe, TraceKind.GPT_CHANGE, String.format("%s pa=0x%x -> %s", what, pa, result));
        }
        switch (result) {
            case OK: return GTSI_OK;
            case INVALID: return GTSI_BAD_ADDR;
            default: return GTSI_BAD_PAS;
        }
    }

    /** SMC exception entry at EL3: TF-A saves the caller's GP registers. */
    private void takeSmc(ProcessingElement pe, long fid, String caller) {
        PeClock clock = pe.clock();
        clock.event(EventKind.SMC, fid);
        pe.setSys(SysReg.SPSR_EL3, 0b1001);
        pe.setEl(ExceptionLevel.EL3);
        clock.event(EventKind.CONTEXT_SWITCH, GP_REGS);
        if (tracer.enabled()) {
            trace(pe, TraceKind.SMC_CALL, String.format("from %s fid=0x%x x1=0x%x x2=0x%x x3=0x%x", caller, fid,
                    pe.x(1), pe.x(2), pe.x(3)));
        }
    }

    private void returnFromSmc(ProcessingElement pe, String caller) {
        PeClock clock = pe.clock();
        clock.event(EventKind.CONTEXT_SWITCH, GP_REGS);
        clock.event(EventKind.ERET, 2);
        pe.setEl(ExceptionLevel.EL2);
        if (tracer.enabled()) {
            trace(pe, TraceKind.SMC_RETURN, String.format("to %s x0=0x%x x1=0x%x x2=0x%x", caller, pe.x(0), pe.x(1), pe.x(2)));
        }
    }

    /**
     * Saves the current world's EL2 state and restores {@code to}'s. The PE works on each world's banked
     * registers in place, so the save is already done and the restore switches the bank.
     */
    private void switchWorld(ProcessingElement pe, WorldContext to, String what) {
        to.restoreSys(pe);
        pe.clock().event(EventKind.CONTEXT_SWITCH, 2L * WorldContext.BANKED.length);
        if (tracer.enabled()) {
            trace(pe, TraceKind.WORLD_SWITCH, what);
        }
    }

    private void trace(ProcessingElement pe, TraceKind kind, String detail) {
        tracer.emit(new TraceEvent(pe.clock().cycles(), pe.index(), kind, detail));
    }

    /** The SMC context handed to the RMM: the PE's registers. */
    private static final class PeSmcContext implements SmcContext {
        private final ProcessingElement pe;

        PeSmcContext(ProcessingElement pe) {
            this.pe = pe;
        }

        @Override
        public int peIndex() {
            return pe.index();
        }

        @Override
        public long x(int n) {
            return pe.x(n);
        }

        @Override
        public void setX(int n, long value) {
            pe.setX(n, value);
        }

        @Override
        public EventSink events() {
            return pe.clock();
        }

        @Override
        public String toString() {
            return "pe" + pe.index() + " " + Arrays.toString(pe.registers());
        }
    }
}
