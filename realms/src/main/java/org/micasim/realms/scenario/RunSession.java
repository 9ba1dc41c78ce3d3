package org.micasim.realms.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.micasim.policy.codec.PolyEncoder;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.PolicyUnit;
import org.micasim.realms.host.GranulePool;
import org.micasim.realms.host.HostRmiException;
import org.micasim.realms.host.HostedRealm;
import org.micasim.realms.host.MmioHandler;
import org.micasim.realms.host.RealmHost;
import org.micasim.realms.host.RealmImage;
import org.micasim.realms.host.RecScheduler;
import org.micasim.realms.host.RunOutcome;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.realms.trace.MachineObserver;
import org.micasim.realms.workload.GuestWorkload;
import org.micasim.realms.workload.HostService;
import org.micasim.realms.workload.PortBinding;
import org.micasim.realms.workload.ProgramSpec;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.realms.workload.WorkloadParameters;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingLayout;
import org.micasim.realms.workload.channel.RingProducer;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.attestation.SimulatedPlatform;
import org.micasim.rmm.mica.MicaExtension;
import org.micasim.rmm.mica.UploadOutcome;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.machine.SmcResult;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.timing.TimingProfile;
import org.micasim.simulator.trace.TraceListener;

/**
 * One run of one scenario in one transport mode on a fresh machine, as an untrusted KVM-like host does
 * it: boot the platform (with the Mica RMM extension in Mica mode), build every realm through RMI with
 * the {@link RealmHost} driver, map the channels (protected shared memory with
 * RMI_DATA_CREATE_UNKNOWN_SHARED, or host-shared memory), then the <b>setup phase</b> (each realm in
 * scenario order uploads its policy and reports; strictly sequential, as the published use cases
 * require), group attestation by the first gateway, and the <b>app phase</b>: the realms round-robin on
 * PE 0, each until it yields, is preempted or ends, with the host's network services pumped between
 * them. Everything the run saw goes into a {@link RunReport}.
 */
public final class RunSession {
    /** Host-owned Non-secure DRAM the driver allocates from (the default platform's DRAM is 0x8000_0000..). */
    static final long POOL_BASE = 0x9000_0000L;
    static final long POOL_SIZE = 0x4000_0000L;
    /** The group challenge: 64 bytes, X1..X8 of RSI_ATTEST_TOKEN_INIT_GROUP. */
    static final int CHALLENGE_WORDS = 8;
    /** REC exits a realm may take in its setup (policy upload, attestation) before the host gives up. */
    static final long SETUP_EXITS = 10_000;

    private final Scenario scenario;
    private final WorkloadCatalog catalog;
    private final TimingProfile profile;
    private final MachineObserver observer;
    private final List<TraceListener> extraListeners;
    private final long maxExits;
    private final Consumer<Double> progress;
    private boolean stopAfterAttestation;
    private UnaryOperator<DefaultPlatform> platformAdjustment = UnaryOperator.identity();

    private Machine machine;
    private RealmHost host;
    private GranulePool pool;
    private MicaExtension mica;
    private RealmCallCounter counter;
    private SimulatedPlatform platform;
    private final List<RealmCallCounter.RsiListener> rsiListeners = new ArrayList<>();
    private List<String> lastMemberNames = List.of();
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, ChannelState> channels = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> hostLog = new ArrayList<>();
    private String attestation = "not requested";
    private boolean attestationOk = true;
    private String attack = "";
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private boolean attackDefeated = true;

    /** One realm of the run. */
    final class Slot {
        final Scenario.RealmSpec spec;
        final int index;
        HostedRealm realm;
        RecScheduler scheduler;
        int lastImm = -1;
        long[] lastGprs = new long[31];
        long[] reply = new long[0];
        boolean ended;
        String endedHow = "";
        String failure;
        long uploadStatus = Long.MIN_VALUE;
        String uploadDetail = "";
        long scheduledCycles;
        HostService service;
        RingProducer toRealm;
        RingConsumer fromRealm;
        boolean serviceDone = true;
        byte[] policy;
        long mailboxLength = -1;
        long members;

        Slot(Scenario.RealmSpec spec, int index) {
            this.spec = spec;
            this.index = index;
        }

        long[] hostCall(int imm, long[] gprs) {
            lastImm = imm;
            lastGprs = gprs.clone();
            if (imm == GuestWorkload.FAILED) {
                failure = GuestWorkload.unpackMessage(gprs);
            }
            long[] out = new long[31];
            System.arraycopy(reply, 0, out, 0, Math.min(reply.length, out.length));
            return out;
        }
    }

    /** A channel's memory as the run laid it out. */
    static final class ChannelState {
        final Scenario.ChannelSpec spec;
        final long[] granules;
        final boolean hostShared;

        ChannelState(Scenario.ChannelSpec spec, long[] granules, boolean hostShared) {
            this.spec = spec;
            this.granules = granules;
            this.hostShared = hostShared;
        }
    }

    RunSession(Scenario scenario, WorkloadCatalog catalog, TimingProfile profile, boolean recordTrace,
               List<TraceListener> extraListeners, long maxExits, Consumer<Double> progress) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.profile = profile;
        this.observer = new MachineObserver(recordTrace);
        this.extraListeners = extraListeners;
        this.maxExits = maxExits;
        this.progress = progress;
    }

    /** Adjusts the platform before it boots (see {@link ScenarioRunner#platform}). */
    RunSession platform(UnaryOperator<DefaultPlatform> adjust) {
        this.platformAdjustment = adjust;
        return this;
    }

    /** Adds a listener for realm SMCs (before {@link #run}). */
    RunSession rsiListener(RealmCallCounter.RsiListener l) {
        rsiListeners.add(l);
        return this;
    }

    /** The realm names of the group stream's members, in stream order. */
    List<String> groupMemberNames() {
        return lastMemberNames;
    }

    /** The Mica extension of this run's RMM, or null in a baseline. */
    MicaExtension mica() {
        return mica;
    }

    /** Ends the run once the group is attested (for {@code mica attest}). */
    RunSession stopAfterAttestation() {
        this.stopAfterAttestation = true;
        return this;
    }

    /** The platform public key a relying party verifies this run's tokens with, PEM. */
    String platformKeyPem() {
        return platform.platformPublicKeyPem();
    }

    MachineObserver observer() {
        return observer;
    }

    Machine machine() {
        return machine;
    }

    RealmCallCounter counter() {
        return counter;
    }

    List<Slot> slots() {
        return slots;
    }

    /**
     * Runs the scenario to its end and reports; throws only for a scenario that cannot be built, or an
     * {@link InvariantViolation} when the platform checks the RMM's invariants and a call broke one.
     */
    RunReport run() throws ScenarioException {
        boot();
        try {
            long t0 = machine.cycles(0);
            build();
            long t1 = machine.cycles(0);
            phases.put("build", t1 - t0);
            if (problems.isEmpty()) {
                setupPhase();
                long t2 = machine.cycles(0);
                phases.put("setup", t2 - t1);
                t1 = t2;
            }
            if (problems.isEmpty()) {
                attest();
                long t3 = machine.cycles(0);
                phases.put("attestation", t3 - t1);
                if (!stopAfterAttestation) {
                    appPhase();
                    phases.put("app", machine.cycles(0) - t3);
                }
            }
        } catch (InvariantViolation e) {
            machine.close();
            throw e;
        } catch (HostRmiException | IllegalStateException e) {
            problems.add("the host stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add("the run stopped on " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        observer.finish(0, machine.cycles(0));
        RunReport report = report();
        machine.close();
        return report;
    }

    // ------------------------------------------------------------------ build

    private void boot() {
        GuestProgramRegistry programs = GuestWorkload.registerAll(catalog, new GuestProgramRegistry());
        platform = new SimulatedPlatform(scenario.seed());
        counter = new RealmCallCounter(observer);
        DefaultPlatform p = DefaultPlatform.builder().guestPrograms(programs).attestation(platform).timingProfile(profile);
        if (scenario.mode() == TransportMode.MICA) {
            mica = new MicaExtension();
            p.extension(mica);
        }
        rsiListeners.forEach(counter::addListener);
        p.extension(counter);
        machine = platformAdjustment.apply(p).build();
        Machine m = machine;
        counter.cycles(() -> m.cycles(0));
        machine.tracer().addListener(observer);
        for (TraceListener l : extraListeners) {
            machine.tracer().addListener(l);
        }
        pool = new GranulePool(POOL_BASE, POOL_SIZE);
        host = new RealmHost(machine.host(0), pool);
    }

    private void build() throws ScenarioException {
        if (mica != null) {
            long entries = 0;
            for (Scenario.ChannelSpec c : scenario.channels()) {
                entries += c.hostChannel() ? 0 : (c.size() / 4096) * c.ends().size();
            }
            long sgtGranules = Math.max(1, (16 + 24 * entries + 4095) / 4096);
            for (int i = 0; i < sgtGranules; i++) {
                long g = pool.allocate();
                rmiOk(RmiCommand.RMI_GRANULE_DELEGATE, g);
                rmiOk(RmiCommand.RMI_SGT, g);
            }
        }
        int attester = attesterIndex();
        for (int i = 0; i < scenario.realms().size(); i++) {
            Slot s = new Slot(scenario.realms().get(i), i);
            slots.add(s);
            buildRealm(s);
        }
        for (Scenario.ChannelSpec c : scenario.channels()) {
            mapChannel(c);
        }
        if (attester >= 0) {
            Slot s = slots.get(attester);
            for (long off = 0; off < ScenarioWiring.MAILBOX_SIZE; off += 4096) {
                host.mapUnprotected(s.realm, ScenarioWiring.mailboxIpa(s.spec) + off, mailboxGranule(off));
            }
        }
        for (Slot s : slots) {
            ProgramSpec program = catalog.get(s.spec.program());
            if (program.hostPort() != null) {
                ChannelState ch = channels.get(s.spec.ports().get(program.hostPort()));
                HostChannelMemory whole = new HostChannelMemory(machine.host(0), ch.granules, 0, ch.spec.size());
                long half = ch.spec.size() / 2;
                s.toRealm = RingProducer.create("host->" + s.spec.name(), whole.slice(0, half));
                s.fromRealm = new RingConsumer(s.spec.name() + "->host", whole.slice(half, half));
                s.service = program.hostService().create(s.spec.parameters(), scenario.seed());
                s.serviceDone = false;
            }
        }
    }

    private final long[] mailbox = new long[(int) (ScenarioWiring.MAILBOX_SIZE / 4096)];

    private long mailboxGranule(long off) {
        int k = (int) (off / 4096);
        if (mailbox[k] == 0) {
            mailbox[k] = pool.allocate();
        }
        return mailbox[k];
    }

    /** The realm that attests the group: the first one whose program faces the host (Mica mode only). */
    private int attesterIndex() {
        if (scenario.mode() != TransportMode.MICA) {
            return -1;
        }
        for (int i = 0; i < scenario.realms().size(); i++) {
            if (catalog.get(scenario.realms().get(i).program()).hostPort() != null) {
                return i;
            }
        }
        return -1;
    }

    private void buildRealm(Slot s) throws ScenarioException {
        Scenario.RealmSpec r = s.spec;
        if (scenario.mode() == TransportMode.MICA && r.policy() != null) {
            s.policy = compile(r);
        }
        byte[] parameters = imageParameters(r);
        int descriptor = GuestImage.granules(r.program(), parameters).length / 4096;
        long ram = r.imageSize() / 4096 - descriptor;
        if (ram < 3) {
            throw new ScenarioException(scenario.source() + ": realms[" + s.index + "].imageSize: "
                    + r.imageSize() + " bytes leave no room after the " + descriptor + "-granule program descriptor "
                    + "for the three scratch granules");
        }
        RealmImage image = new RealmImage(r.program(), parameters, (int) ram, r.recs(), 0, null, s.index + 1);
        s.realm = host.build(image, r.ipaBits(), ScenarioWiring.protectedWindows(scenario, r));
        observer.nameRealm(s.index + 1, s.index, r.name());
        if (mica != null) {
            rmiOk(RmiCommand.RMI_REALM_PD, s.realm.rd(), host.delegateFor(s.realm));
            rmiOk(RmiCommand.RMI_REALM_DUMMY_PAGE, s.realm.rd(), host.delegateFor(s.realm));
        }
        s.scheduler = host.scheduler(s.realm, s::hostCall, MmioHandler.NONE);
    }

    private byte[] compile(Scenario.RealmSpec r) throws ScenarioException {
        PolicyUnit unit = PolicyUnit.of(new SourceFile(r.policy().name(), r.policy().text()));
        if (unit.payload().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            unit.diagnostics().forEach(d -> sb.append(sb.length() == 0 ? "" : "\n").append(d.render()));
            throw new ScenarioException(scenario.source() + ": policy of realm '" + r.name() + "' does not compile:\n" + sb);
        }
        return PolyEncoder.encode(unit.payload().get());
    }

    private void mapChannel(Scenario.ChannelSpec c) {
        boolean shared = ScenarioWiring.hostShared(scenario, c);
        long[] granules = new long[(int) (c.size() / 4096)];
        for (int k = 0; k < granules.length; k++) {
            granules[k] = pool.allocate();
            if (!shared) {
                rmiOk(RmiCommand.RMI_GRANULE_DELEGATE, granules[k]);
            }
        }
        if (shared) {
            for (Scenario.EndSpec end : c.ends()) {
                Slot s = slotOf(end.realm());
                long base = ScenarioWiring.channelIpa(scenario, s.spec, c);
                for (int k = 0; k < granules.length; k++) {
                    host.mapUnprotected(s.realm, base + k * 4096L, granules[k]);
                }
            }
        }
        channels.put(c.name(), new ChannelState(c, granules, shared));
    }

    /**
     * The prefault step of realm {@code s}'s setup: maps every page of its protected channels with
     * RMI_DATA_CREATE_UNKNOWN_SHARED (read-only to its dummy page until its policy is active). Done just
     * before the realm's own setup, never earlier, because validation of a peer that uploads first would
     * see this realm's SGT entries as unnamed sharers (mica.md §2.4: strictly sequential setup).
     */
    private void prefault(Slot s) {
        for (ChannelState c : channels.values()) {
            if (c.hostShared || c.spec.endOf(s.spec.name()) < 0) {
                continue;
            }
            long base = ScenarioWiring.channelIpa(scenario, s.spec, c.spec);
            for (int k = 0; k < c.granules.length; k++) {
                rmiOk(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, s.realm.rd(), c.granules[k], base + k * 4096L);
            }
        }
    }

    private Slot slotOf(String realm) {
        for (Slot s : slots) {
            if (s.spec.name().equals(realm)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no realm " + realm);
    }

    private SmcResult rmiOk(RmiCommand cmd, long... args) {
        SmcResult r = host.rmi(cmd, args);
        if (r.x0() != 0) {
            throw new HostRmiException(cmd + " failed: " + RmiReturn.format(r.x0()));
        }
        return r;
    }

    // ------------------------------------------------------------------ phases

    private long exits;

    /** Enters {@code s} once; returns true if it can run on. */
    private boolean step(Slot s) {
        if (s.ended) {
            return false;
        }
        if (++exits > maxExits) {
            throw new IllegalStateException("the run used its budget of " + maxExits + " REC exits");
        }
        long before = machine.cycles(0);
        RunOutcome out = s.scheduler.step();
        s.scheduledCycles += machine.cycles(0) - before;
        if (out != null) {
            s.ended = true;
            s.endedHow = out.reason().name();
            return false;
        }
        return true;
    }

    /** Runs {@code s} until its next host call with {@code imm} (or another stop); true if it came. */
    private boolean runUntil(Slot s, int imm) {
        s.lastImm = -1;
        long budget = SETUP_EXITS;
        while (step(s)) {
            if (--budget == 0) {
                s.failure = "no setup report after " + SETUP_EXITS + " REC exits (last exit "
                        + (s.scheduler.lastExit() == null ? "none" : s.scheduler.lastExit().exitReason().name()) + ")";
                return false;
            }
            if (s.lastImm == imm) {
                return true;
            }
            if (s.lastImm == GuestWorkload.FAILED) {
                return false;
            }
            if (s.lastImm != -1) {
                s.lastImm = -1;
            }
        }
        return false;
    }

    private void setupPhase() {
        int attester = attesterIndex();
        for (Slot s : slots) {
            s.reply = s.index == attester ? challengeReply() : new long[] {0};
            prefault(s);
            if (!runUntil(s, GuestWorkload.READY)) {
                problems.add("realm " + s.spec.name() + " did not finish its setup"
                        + (s.failure != null ? ": " + s.failure : " (" + s.endedHow + ")"));
                return;
            }
            s.uploadStatus = s.lastGprs[0];
            s.reply = new long[0];
            if (mica != null && s.policy != null) {
                UploadOutcome o = mica.state().lastUpload(s.realm.rd()).orElse(null);
                s.uploadDetail = o == null ? "" : o.stage() + (o.code() != 0 ? " " + o.code() : "") + ": " + o.detail();
                if (s.uploadStatus != 0) {
                    problems.add("realm " + s.spec.name() + ": RSI_UPLOAD_POLICY returned " + s.uploadStatus + " (" + s.uploadDetail + ")");
                    return;
                }
            }
        }
    }

    private long[] challengeReply() {
        long[] r = new long[1 + CHALLENGE_WORDS];
        r[0] = 1;
        byte[] c = challenge();
        for (int i = 0; i < CHALLENGE_WORDS; i++) {
            for (int k = 0; k < 8; k++) {
                r[1 + i] |= (c[8 * i + k] & 0xFFL) << (8 * k);
            }
        }
        return r;
    }

    /** The relying party's challenge: 64 bytes derived from the seed. */
    byte[] challenge() {
        byte[] c = new byte[64];
        long x = scenario.seed() * 0x9E37_79B9_7F4A_7C15L + 0x6D69_6361L;
        for (int i = 0; i < c.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            c[i] = (byte) (x >>> 56);
        }
        return c;
    }

    private void attest() {
        int a = attesterIndex();
        if (a < 0) {
            attestation = scenario.mode() == TransportMode.MICA ? "no gateway realm to attest the group"
                    : "not applicable (baseline: no Mica group attestation)";
            return;
        }
        Slot s = slots.get(a);
        if (!runUntil(s, GuestWorkload.ATTESTED)) {
            attestation = "the gateway did not attest" + (s.failure != null ? ": " + s.failure : "");
            attestationOk = false;
            return;
        }
        long status = s.lastGprs[0];
        s.mailboxLength = s.lastGprs[1];
        s.members = s.lastGprs[2];
        if (status != 0) {
            attestation = "RSI_ATTEST_TOKEN_INIT/CONTINUE_GROUP failed with status " + status;
            attestationOk = false;
            return;
        }
        byte[] stream = readMailbox((int) s.mailboxLength);
        GroupCheck check = new GroupCheck(scenario, catalog, profile, platform.platformPublicKey());
        GroupCheck.Result r = check.verify(stream, (int) s.members, challenge(), slots.stream().map(x -> x.spec).toList(), this::imageParameters);
        attestation = r.summary();
        attestationOk = r.accepted();
        lastStream = stream;
        lastMemberNames = r.members();
        lastMembers = (int) s.members;
    }

    private byte[] lastStream;
    private int lastMembers;

    /** The group stream the gateway produced (token then policy images), or null. */
    byte[] groupStream() {
        return lastStream;
    }

    int groupMembers() {
        return lastMembers;
    }

    /** The exact descriptor parameters the host loaded into {@code r}'s image (for reference builds). */
    private byte[] imageParameters(Scenario.RealmSpec r) {
        Slot s = slotOf(r.name());
        Map<String, String> params = new TreeMap<>(ScenarioWiring.parameters(scenario, r).asMap());
        if (s.policy != null) {
            params.put(GuestWorkload.POLICY_PARAMETER, HexFormat.of().formatHex(s.policy));
        }
        if (s.index == attesterIndex()) {
            params.put(GuestWorkload.MAILBOX_PARAMETER, "0x" + Long.toHexString(ScenarioWiring.mailboxIpa(r)));
            params.put(GuestWorkload.MAILBOX_SIZE_PARAMETER, "0x" + Long.toHexString(ScenarioWiring.MAILBOX_SIZE));
        }
        return new WorkloadParameters(params).encode();
    }

    private byte[] readMailbox(int length) {
        byte[] out = new byte[length];
        for (int off = 0; off < length; off += 4096) {
            int n = Math.min(4096, length - off);
            try {
                System.arraycopy(machine.host(0).read(mailbox[off / 4096], n), 0, out, off, n);
            } catch (PhysicalAccessException e) {
                throw new IllegalStateException("mailbox read failed: " + e.getMessage());
            }
        }
        return out;
    }

    private void appPhase() {
        long total = 0;
        for (Slot s : slots) {
            if (!s.ended) {
                total++;
            }
        }
        long lastProgress = progressMark();
        int idleRounds = 0;
        boolean attacked = scenario.host() == HostBehaviour.HONEST;
        while (true) {
            boolean anyRunning = false;
            for (Slot s : slots) {
                s.lastImm = -1;
                while (step(s)) {
                    anyRunning = true;
                    if (!attacked) {
                        attacked = attack();
                    }
                    if (s.lastImm == GuestWorkload.YIELD || s.lastImm == GuestWorkload.FAILED) {
                        break;
                    }
                    if (s.scheduler.lastExit() != null && s.scheduler.lastExit().exitReason().name().equals("RMI_EXIT_IRQ")) {
                        break;
                    }
                    s.lastImm = -1;
                }
                pumpServices();
            }
            boolean allEnded = slots.stream().allMatch(x -> x.ended);
            if (allEnded || !anyRunning) {
                pumpServices();
                if (!slots.stream().allMatch(x -> x.serviceDone)) {
                    problems.add("every realm ended but the host's network did not get everything it expected");
                }
                return;
            }
            long mark = progressMark();
            idleRounds = mark == lastProgress ? idleRounds + 1 : 0;
            lastProgress = mark;
            if (idleRounds > 64) {
                problems.add("no realm made progress for 64 rounds: the pipeline is stuck");
                return;
            }
            if (progress != null) {
                long ended = slots.stream().filter(x -> x.ended).count();
                progress.accept(total == 0 ? 1.0 : (double) ended / total);
            }
        }
    }

    private void pumpServices() {
        for (Slot s : slots) {
            if (s.service != null && !s.serviceDone) {
                s.serviceDone = s.service.pump(s.toRealm, s.fromRealm);
            }
        }
    }

    /** The sum of every ring's head and tail words (read without side effects): moves iff data moves. */
    private long progressMark() {
        long sum = 0;
        for (ChannelState c : channels.values()) {
            for (long off : ringOffsets(c.spec)) {
                sum += peek64(c, off + RingLayout.HEAD_OFFSET) + peek64(c, off + RingLayout.TAIL_OFFSET);
            }
        }
        return sum;
    }

    static long[] ringOffsets(Scenario.ChannelSpec c) {
        return c.oneWay() ? new long[] {0} : new long[] {0, c.size() / 2};
    }

    private long peek64(ChannelState c, long offset) {
        return machine.peek64(c.granules[(int) (offset >>> 12)] + (offset & 0xFFF));
    }

    // ------------------------------------------------------------------ host attacks

    /** Performs the scenario's attack once its target carries data; true once done. */
    private boolean attack() {
        if (scenario.host() == HostBehaviour.MAP_UNPROTECTED) {
            mapUnprotectedAttack();
            return true;
        }
        ChannelState c = channels.get(scenario.hostTarget());
        long head = peek64(c, RingLayout.HEAD_OFFSET);
        long tail = peek64(c, RingLayout.TAIL_OFFSET);
        if (head == tail) {
            return false;
        }
        long capacity = c.spec.size() / (c.spec.oneWay() ? 1 : 2) - RingLayout.HEADER_BYTES;
        long offset = RingLayout.HEADER_BYTES + (tail + RingLayout.RECORD_HEADER_BYTES + 8) % capacity;
        long pa = c.granules[(int) (offset >>> 12)] + (offset & 0xFFF);
        String where = String.format("PA 0x%x (channel %s, unread data)", pa, c.spec.name());
        try {
            if (scenario.host() == HostBehaviour.SNOOP_CHANNEL) {
                byte[] seen = machine.host(0).read(pa - (pa & 0xF), 16);
                attack = "snoop-channel: the host read " + where + ": " + HexFormat.of().formatHex(seen)
                        + (c.hostShared ? " (sealed frame bytes: ciphertext)" : "");
                attackDefeated = c.hostShared;
            } else {
                byte[] b = machine.host(0).read(pa, 1);
                b[0] ^= 0x20;
                machine.host(0).write(pa, b);
                attack = "tamper-channel: the host flipped a bit at " + where;
                attackDefeated = c.hostShared;
            }
        } catch (PhysicalAccessException e) {
            attack = scenario.host().label() + ": the host's access to " + where + " was stopped: " + e.getMessage();
            attackDefeated = true;
        }
        hostLog.add(attack);
        return true;
    }

    /** Offset in the unprotected half at which the map-unprotected attack maps its granule. */
    static final long ATTACK_MAP_OFFSET = 0x7000_0000L;

    private void mapUnprotectedAttack() {
        Slot s = slotOf(scenario.hostTarget());
        long ipa = s.spec.unprotectedBase() + ATTACK_MAP_OFFSET;
        long pa = pool.allocate();
        String where = String.format("IPA 0x%x of realm %s to host granule 0x%x", ipa, s.spec.name(), pa);
        try {
            host.mapUnprotected(s.realm, ipa, pa);
            attack = "map-unprotected: the host mapped " + where + " after activation (a path to the host the policy did not declare)";
            attackDefeated = false;
        } catch (HostRmiException e) {
            attack = "map-unprotected: the RMM refused to map " + where + ": " + e.getMessage();
            attackDefeated = true;
        }
        hostLog.add(attack);
    }

    // ------------------------------------------------------------------ report

    private RunReport report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario.name());
        r.put("mode", scenario.mode().label());
        r.put("seed", scenario.seed());
        r.put("profile", profile.name());
        r.put("host", scenario.host().label() + (scenario.hostTarget() == null ? "" : " " + scenario.hostTarget()));
        long total = machine.cycles(0);
        r.put("cycles", total);
        Map<String, Object> worlds = new LinkedHashMap<>();
        worlds.put("nonSecure", observer.nonSecureCycles());
        worlds.put("realm", observer.realmWorldCycles());
        r.put("worldCycles", worlds);
        r.put("phaseCycles", new LinkedHashMap<>(phases));
        r.put("worldSwitches", observer.worldSwitches());
        List<Object> realms = new ArrayList<>();
        Map<String, Long> guest = observer.guestCycles();
        for (Slot s : slots) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.spec.name());
            m.put("program", s.spec.program());
            m.put("guestCycles", guest.getOrDefault(s.spec.name(), 0L));
            m.put("scheduledCycles", s.scheduledCycles);
            m.put("exits", s.scheduler == null ? Map.of() : new TreeMap<>(s.scheduler.exits()));
            m.put("policy", s.policy == null ? "none" : s.uploadStatus == 0 ? "uploaded" : s.uploadStatus == Long.MIN_VALUE
                    ? "not uploaded" : "refused: " + s.uploadDetail);
            m.put("ended", s.ended ? s.endedHow : "running");
            if (s.failure != null) {
                m.put("failure", s.failure);
            }
            realms.add(m);
        }
        r.put("realms", realms);
        r.put("rmiCalls", observer.rmiCounts());
        r.put("rsiCalls", observer.rsiCounts());
        r.put("gptTransitions", observer.gptTransitions());
        var stats = machine.statistics();
        long hits = value(stats, "pe0/MEM_ACCESS_TLB_HIT/count");
        long misses = value(stats, "pe0/TLB_MISS/count");
        Map<String, Object> tlb = new LinkedHashMap<>();
        tlb.put("hits", hits);
        tlb.put("misses", misses);
        tlb.put("hitRate", hits + misses == 0 ? 0.0 : Math.round(10000.0 * hits / (hits + misses)) / 10000.0);
        r.put("tlb", tlb);
        Map<String, Object> bytes = new LinkedHashMap<>();
        for (ChannelState c : channels.values()) {
            long moved = 0;
            for (long off : ringOffsets(c.spec)) {
                moved += peek64(c, off + RingLayout.HEAD_OFFSET);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("memory", c.spec.hostChannel() ? "host-shared (network)" : c.hostShared ? "host-shared (sealed)" : "protected shared");
            m.put("bytes", moved);
            bytes.put(c.spec.name(), m);
        }
        r.put("channels", bytes);
        List<String> network = new ArrayList<>();
        boolean servicesOk = true;
        for (Slot s : slots) {
            if (s.service != null) {
                network.addAll(s.service.report());
                servicesOk &= s.service.ok();
            }
        }
        r.put("network", network);
        r.put("attestation", attestation);
        if (!attack.isEmpty()) {
            r.put("attack", attack);
        }
        List<String> all = new ArrayList<>(problems);
        for (Slot s : slots) {
            if (s.failure != null) {
                all.add("realm " + s.spec.name() + " failed: " + s.failure);
            }
        }
        r.put("problems", all);
        boolean completed = problems.isEmpty() && slots.stream().allMatch(x -> x.failure == null) && servicesOk;
        boolean tamperDetected = scenario.host() == HostBehaviour.TAMPER_CHANNEL && attackDefeated
                && slots.stream().anyMatch(x -> x.failure != null && x.failure.contains("HMAC"));
        boolean ok = (completed || tamperDetected) && attestationOk && attackDefeated;
        r.put("result", ok ? (completed ? "ok" : "ok: the attack was detected and the pipeline stopped") : "FAILED");
        return new RunReport(r, ok, observer.slices(), profile.frequencyMHz());
    }

    private static long value(org.micasim.simulator.timing.StatisticsNode stats, String path) {
        var n = stats.find(path);
        return n == null ? 0 : n.value();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
