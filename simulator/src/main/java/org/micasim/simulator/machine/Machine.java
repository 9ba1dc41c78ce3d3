package org.micasim.simulator.machine;

import java.util.ArrayList;
import java.util.List;
import org.micasim.simulator.el3.AttestationBuffers;
import org.micasim.simulator.el3.El3Monitor;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.gpt.GptCache;
import org.micasim.simulator.gpt.GptInvalidation;
import org.micasim.simulator.gpt.GptRegisters;
import org.micasim.simulator.gpt.GptTransitions;
import org.micasim.simulator.gpt.GranuleProtectionCheck;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.gpt.TlbiPaOperand;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.guest.Vcpu;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.pe.AccessGate;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.s2.Stage2Walker;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.PeClock;
import org.micasim.simulator.timing.StatisticsNode;
import org.micasim.simulator.timing.TimingProfile;
import org.micasim.simulator.tlb.Tlb;
import org.micasim.simulator.tlb.TlbEntry;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceKind;
import org.micasim.simulator.trace.Tracer;

/**
 * A whole simulated platform: physical memory, the GPT and its registers, the PEs (each with TLB, GPT
 * cache and clock), the EL3 monitor and the R-EL2 firmware. Nothing is static: build as many machines as
 * needed. Each PE must be driven by one thread at a time ({@link #host(int)}); different PEs may be driven
 * from different threads at once. See docs/platform.md for the default platform.
 */
public final class Machine implements AutoCloseable {
    /** Default guest time slice: instructions per REC entry before the host timer preempts the vCPU. */
    public static final long DEFAULT_TIMESLICE = 1_000_000;

    private final MemoryMap map;
    private final PhysicalMemory memory;
    private final GptRegisters gptRegisters = new GptRegisters();
    private final GranuleProtectionCheck gpc;
    private final ProtectedMemory protectedMemory;
    private final GptTransitions transitions;
    private final Stage2Walker walker;
    private final ProcessingElement[] pes;
    private final HostCpu[] hosts;
    private final El3Monitor monitor;
    private final Tracer tracer = new Tracer();
    private final TimingProfile profile;
    private final RealmFirmware firmware;
    private final GuestProgramRegistry programs;
    private final long timeslice;
    private final FirmwareServices services;
    private final List<Vcpu> vcpus = new ArrayList<>();
    private boolean booted;
    private int vcpuCount;

    private Machine(Builder b) {
        this.map = b.memoryMap;
        this.memory = new PhysicalMemory(map);
        this.gpc = new GranuleProtectionCheck(memory, gptRegisters);
        this.protectedMemory = new ProtectedMemory(memory, gpc);
        this.profile = b.timingProfile;
        this.firmware = b.firmware;
        this.programs = b.guestPrograms;
        this.timeslice = b.timeslice;
        this.pes = new ProcessingElement[b.processingElements];
        for (int i = 0; i < pes.length; i++) {
            pes[i] = new ProcessingElement(i, new Tlb(b.tlbSets, b.tlbWays), new GptCache(b.gptCacheEntries), new PeClock(profile),
                    new AccessGate(pes.length > 1));
        }
        this.transitions = new GptTransitions(memory, gpc, new Invalidation(), b.l0gptsz);
        this.walker = new Stage2Walker(protectedMemory);
        this.monitor = new El3Monitor(pes, transitions, tracer, firmware, b.attestation,
                new AttestationBuffers(protectedMemory, pes.length),
                pe -> pe.setFirmwareThread(true), pe -> pe.setFirmwareThread(false));
        this.hosts = new HostCpu[pes.length];
        for (int i = 0; i < pes.length; i++) {
            hosts[i] = new HostCpu(pes[i], monitor, protectedMemory, tracer);
        }
        this.services = new RealmEl2Services(this, protectedMemory, monitor, pes.length);
        monitor.resetPes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Cold boot: TF-A's GPT initialisation on PE 0 (every DRAM granule Non-secure, GPC enabled), every PE
     * at NS-EL2, then the firmware's boot entry at R-EL2 on PE 0.
     */
    public synchronized void boot() {
        if (booted) {
            throw new IllegalStateException("the machine is already booted");
        }
        booted = true;
        ProcessingElement pe0 = pes[0];
        transitions.initialise(pe0.clock());
        monitor.resetPes();
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(pe0.clock().cycles(), 0, TraceKind.MACHINE,
                    String.format("GPT enabled: GPCCR_EL3=0x%x GPTBR_EL3=0x%x", gptRegisters.gpccr(), gptRegisters.gptbr())));
        }
        if (firmware != null) {
            monitor.bootFirmware(pe0, () -> firmware.boot(services));
        }
    }

    /** The host (NS-EL2) view of PE {@code pe}. */
    public HostCpu host(int pe) {
        return hosts[checkPe(pe)];
    }

    /** Number of PEs. */
    public int processingElements() {
        return pes.length;
    }

    /** PE {@code pe}, for inspection (registers, system registers, exception level). */
    public ProcessingElement pe(int pe) {
        return pes[checkPe(pe)];
    }

    private int checkPe(int pe) {
        if (pe < 0 || pe >= pes.length) {
            throw new IllegalArgumentException("no PE " + pe + " (the machine has " + pes.length + ")");
        }
        return pe;
    }

    public MemoryMap memoryMap() {
        return map;
    }

    /** Reads physical memory without any check, event or side effect (for inspection and tests). */
    public byte[] peek(long pa, int len) {
        byte[] out = new byte[len];
        memory.read(pa, out, 0, len);
        return out;
    }

    /** Reads 8 bytes of physical memory without any check, event or side effect. */
    public long peek64(long pa) {
        return memory.read64(pa);
    }

    /** The GPI the GPT gives {@code pa} (walking the tables, not a cache), or -1 if it cannot be found. */
    public int gpiOf(long pa) {
        return gpc.lookupGpi(pa);
    }

    public GptRegisters gptRegisters() {
        return gptRegisters;
    }

    /** PE {@code pe}'s TLB entries. */
    public List<TlbEntry> tlbEntries(int pe) {
        return pes[checkPe(pe)].tlb().entries();
    }

    /** PE {@code pe}'s cached GPT information as (granule PA, GPI) pairs in PA order. */
    public long[][] gptCacheEntries(int pe) {
        return pes[checkPe(pe)].gptCache().snapshot();
    }

    /** PE {@code pe}'s cycle count. */
    public long cycles(int pe) {
        return pes[checkPe(pe)].clock().cycles();
    }

    public TimingProfile timingProfile() {
        return profile;
    }

    /** The tracer: add a listener to receive trace records. */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * The statistics tree: {@code machine / peN / KIND / {count, amount, cycles}} plus {@code peN/cycles}
     * ({@code amount} only for kinds whose amount is a quantity: bytes, lines, registers...),
     * in PE and event-kind order; an inner node's value is the cycles below it.
     */
    public StatisticsNode statistics() {
        List<StatisticsNode> peNodes = new ArrayList<>();
        long total = 0;
        for (ProcessingElement pe : pes) {
            PeClock c = pe.clock();
            List<StatisticsNode> kinds = new ArrayList<>();
            for (EventKind k : EventKind.values()) {
                if (c.count(k) == 0) {
                    continue;
                }
                List<StatisticsNode> leaves = new ArrayList<>();
                leaves.add(StatisticsNode.leaf("count", c.count(k)));
                if (TimingProfile.hasQuantity(k)) {
                    leaves.add(StatisticsNode.leaf("amount", c.amount(k)));
                }
                leaves.add(StatisticsNode.leaf("cycles", c.cycles(k)));
                kinds.add(new StatisticsNode(k.name(), c.cycles(k), leaves));
            }
            kinds.add(StatisticsNode.leaf("cycles", c.cycles()));
            peNodes.add(new StatisticsNode("pe" + pe.index(), c.cycles(), kinds));
            total += c.cycles();
        }
        return new StatisticsNode("machine", total, peNodes);
    }

    /** Closes every vCPU created on this machine (their guest threads end). */
    @Override
    public void close() {
        List<Vcpu> all;
        synchronized (vcpus) {
            all = new ArrayList<>(vcpus);
            vcpus.clear();
        }
        for (Vcpu v : all) {
            v.close();
        }
    }

    // ---------------------------------------------------------------- services for R-EL2

    /** The PE whose R-EL2 code the current thread is running, or null (a scan: machines have few PEs). */
    ProcessingElement currentRealmPe() {
        for (ProcessingElement pe : pes) {
            if (pe.runsFirmwareOnCurrentThread()) {
                return pe;
            }
        }
        return null;
    }

    RealmVcpu createVcpu(long pc, long[] gprs) {
        synchronized (vcpus) {
            vcpus.removeIf(Vcpu::isClosed);
            Vcpu v = new Vcpu("rec" + vcpuCount++, protectedMemory, walker, tracer, programs, this::currentRealmPe, timeslice, pc, gprs);
            vcpus.add(v);
            return v;
        }
    }

    void tlbiVmid(ProcessingElement caller, int vmid) {
        int dropped = 0;
        for (ProcessingElement pe : pes) {
            dropped += pe.tlb().invalidateVmid(vmid, true);
        }
        awaitOtherPes(caller);
        caller.clock().event(EventKind.TLBI, dropped);
        caller.clock().event(EventKind.BARRIER, 1);
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(caller.clock().cycles(), caller.index(), TraceKind.TLBI,
                    String.format("VMALLS12E1IS vmid=%d dropped=%d", vmid, dropped)));
        }
    }

    void tlbiIpa(ProcessingElement caller, int vmid, long ipa) {
        int dropped = 0;
        for (ProcessingElement pe : pes) {
            dropped += pe.tlb().invalidateIpa(vmid, true, ipa);
        }
        awaitOtherPes(caller);
        caller.clock().event(EventKind.TLBI, dropped);
        caller.clock().event(EventKind.BARRIER, 1);
        if (tracer.enabled()) {
            tracer.emit(new TraceEvent(caller.clock().cycles(), caller.index(), TraceKind.TLBI,
                    String.format("IPAS2E1IS vmid=%d ipa=0x%x dropped=%d", vmid, ipa, dropped)));
        }
    }

    /**
     * The DSB that completes a broadcast TLBI issued by {@code caller}: returns once no other PE has an
     * access in flight that may have used a dropped translation or GPT information (see {@link
     * org.micasim.simulator.pe.AccessGate}). Charges nothing: the DSB's BARRIER event is the caller's.
     */
    private void awaitOtherPes(ProcessingElement caller) {
        for (ProcessingElement pe : pes) {
            if (pe != caller) {
                pe.accessGate().awaitSafePoint();
            }
        }
    }

    /**
     * TLBI PA operations over the PEs' GPT caches and TLBs, charged to the PE running EL3 code (PE 0 at
     * boot); a broadcast one completes when the other PEs' accesses in flight have (the DSB after it).
     */
    private final class Invalidation implements GptInvalidation {
        private ProcessingElement caller() {
            ProcessingElement pe = currentRealmPe();
            return pe != null ? pe : pes[0];
        }

        private void report(String what, long dropped) {
            ProcessingElement pe = caller();
            pe.clock().event(EventKind.TLBI, dropped);
            if (tracer.enabled()) {
                tracer.emit(new TraceEvent(pe.clock().cycles(), pe.index(), TraceKind.TLBI, what + " dropped=" + dropped));
            }
        }

        @Override
        public void paall(int pe) {
            pes[pe].gptCache().invalidateAll();
            pes[pe].tlb().invalidatePaRange(0, Long.MAX_VALUE);
            report("PAALL pe" + pe, 1);
        }

        @Override
        public void paallos() {
            for (ProcessingElement pe : pes) {
                pe.gptCache().invalidateAll();
                pe.tlb().invalidatePaRange(0, Long.MAX_VALUE);
            }
            awaitOtherPes(caller());
            report("PAALLOS", 1);
        }

        @Override
        public void rpalos(long operand) {
            range("RPALOS", operand);
        }

        @Override
        public void rpaos(long operand) {
            range("RPAOS", operand);
        }

        private void range(String name, long operand) {
            TlbiPaOperand op = TlbiPaOperand.decode(operand);
            long dropped = 0;
            for (ProcessingElement pe : pes) {
                dropped += pe.gptCache().invalidateRange(op.base(), op.bytes());
                dropped += pe.tlb().invalidatePaRange(op.base(), op.bytes());
            }
            awaitOtherPes(caller());
            // Format the trace text only when someone listens: GPT delegate/undelegate issue this on every call.
            report(tracer.enabled() ? String.format("%s pa=0x%x size=0x%x", name, op.base(), op.bytes()) : name, dropped);
        }
    }

    /** Builds a machine; defaults: the default platform, one PE, the shipped timing profile. */
    public static final class Builder {
        private RealmFirmware firmware;
        private PlatformAttestation attestation;
        private GuestProgramRegistry guestPrograms = new GuestProgramRegistry();
        private TimingProfile timingProfile;
        private int processingElements = 1;
        private MemoryMap memoryMap = MemoryMap.defaultPlatform();
        private long timeslice = DEFAULT_TIMESLICE;
        private int tlbSets = 256;
        private int tlbWays = 4;
        private int gptCacheEntries = 4096;
        private int l0gptsz = 0;

        public Builder firmware(RealmFirmware firmware) {
            this.firmware = firmware;
            return this;
        }

        public Builder platformAttestation(PlatformAttestation attestation) {
            this.attestation = attestation;
            return this;
        }

        public Builder guestPrograms(GuestProgramRegistry registry) {
            this.guestPrograms = registry;
            return this;
        }

        public Builder timingProfile(TimingProfile profile) {
            this.timingProfile = profile;
            return this;
        }

        public Builder processingElements(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("processing elements must be 1..64, got " + n);
            }
            this.processingElements = n;
            return this;
        }

        public Builder memoryMap(MemoryMap map) {
            this.memoryMap = map;
            return this;
        }

        /** Guest instructions a vCPU runs per {@code run()} before the host timer IRQ preempts it. */
        public Builder vcpuTimeslice(long instructions) {
            if (instructions < 1) {
                throw new IllegalArgumentException("the vCPU time slice must be at least 1 instruction");
            }
            this.timeslice = instructions;
            return this;
        }

        /** TLB geometry per PE: {@code sets} (a power of two) x {@code ways}. */
        public Builder tlb(int sets, int ways) {
            this.tlbSets = sets;
            this.tlbWays = ways;
            return this;
        }

        /** Entries of each PE's GPT cache (a power of two). */
        public Builder gptCacheEntries(int entries) {
            this.gptCacheEntries = entries;
            return this;
        }

        public Machine build() {
            if (timingProfile == null) {
                timingProfile = TimingProfile.defaultProfile();
            }
            return new Machine(this);
        }
    }
}
