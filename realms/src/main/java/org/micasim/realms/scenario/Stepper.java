package org.micasim.realms.scenario;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.micasim.policy.codec.Decompiler;
import org.micasim.policy.codec.MalformedPolicyException;
import org.micasim.policy.codec.PolyDecoder;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.platform.InvariantViolation;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.mica.SgtEntry;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.rmm.rtt.S2Context;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.gpt.Gpi;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.tlb.TlbEntry;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceKind;
import org.micasim.simulator.trace.TraceListener;

/**
 * The engine of {@code mica step}: runs one scenario run (its own mode, no baselines) on a simulation
 * thread that pauses at every stop (an RMI call from the host, its return, and every SMC a realm makes:
 * RSI and PSCI), and executes commands between stops. Inspection commands only read state: physical
 * memory by peek, the GPT by a table walk, RMM objects through their getters; nothing they do changes
 * the run, its cycles or its trace.
 */
public final class Stepper {
    private static final Pattern ARGS = Pattern.compile("x(\\d)=0x([0-9a-f]+)");

    private final Scenario scenario;
    private final WorkloadCatalog catalog;
    private final PrintWriter out;
    private final Set<String> breakpoints = new LinkedHashSet<>();
    private final SynchronousQueue<String> stops = new SynchronousQueue<>();
    private final Semaphore resume = new Semaphore(0);
    private volatile boolean stopAtEvery;
    private volatile boolean quitting;
    private RunSession session;
    private Thread thread;
    private boolean finished;
    private long stopCount;
    private long pendingRun = -1;
    private String pendingRmi;
    private RunReport report;
    private String failure;
    private InvariantViolation violation;
    private UnaryOperator<DefaultPlatform> platform = UnaryOperator.identity();

    public Stepper(Scenario scenario, WorkloadCatalog catalog, PrintWriter out) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.out = out;
    }

    /**
     * Adjusts the run's platform before it boots (before the first {@code next} or {@code continue}): with
     * {@link DefaultPlatform#checkInvariants}, the invariants are checked after every RMI call the run
     * makes, and the first violation ends the run ({@link #violation}).
     */
    public Stepper platform(UnaryOperator<DefaultPlatform> adjust) {
        this.platform = adjust;
        return this;
    }

    /** Runs one command line; returns false after {@code quit}. */
    public boolean execute(String line) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty() || w[0].startsWith("#")) {
            return true;
        }
        try {
            switch (w[0].toLowerCase(Locale.ROOT)) {
                case "next", "n" -> advance(true);
                case "continue", "c" -> advance(false);
                case "break", "b" -> breakAt(w);
                case "clear" -> {
                    if (w.length > 1) {
                        out.println(breakpoints.remove(w[1].toUpperCase(Locale.ROOT)) ? "cleared " + w[1].toUpperCase(Locale.ROOT)
                                : "no breakpoint at " + w[1]);
                    } else {
                        breakpoints.clear();
                        out.println("cleared every breakpoint");
                    }
                }
                case "gpt" -> gpt(number(w, 1, "gpt PA"));
                case "granule" -> granule(number(w, 1, "granule PA"));
                case "rtt" -> rtt(arg(w, 1, "rtt REALM IPA"), number(w, 2, "rtt REALM IPA"));
                case "rec" -> rec(arg(w, 1, "rec REALM N"), (int) number(w, 2, "rec REALM N"));
                case "tlb" -> tlb();
                case "measurements" -> measurements(arg(w, 1, "measurements REALM"));
                case "sgt" -> sgt();
                case "policy" -> policy(arg(w, 1, "policy REALM"));
                case "help", "?" -> help();
                case "quit", "q", "exit" -> {
                    quit();
                    return false;
                }
                default -> out.println("unknown command '" + w[0] + "' (try help)");
            }
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
        }
        out.flush();
        return true;
    }

    /** Lets the run finish without stopping and prints how it ended. */
    public void finish() {
        if (!finished) {
            breakpoints.clear();
            advance(false);
        }
        out.flush();
    }

    /** Whether the run has ended. */
    public boolean finished() {
        return finished;
    }

    /** The run's report once it has ended, else null. */
    public RunReport report() {
        return report;
    }

    /** The broken invariant that ended the run, if the platform checks them and one broke. */
    public Optional<InvariantViolation> violation() {
        return Optional.ofNullable(violation);
    }

    private void help() {
        out.println("next | n                 run to the next RMI call, RMI return or realm SMC (RSI/PSCI)");
        out.println("continue | c             run to the next breakpoint, or to the end");
        out.println("break NAME               stop at RMI or RSI command NAME, e.g. break RMI_DATA_CREATE");
        out.println("clear [NAME]             remove the breakpoint at NAME, or every breakpoint");
        out.println("gpt PA                   the GPI the GPT gives PA");
        out.println("granule PA               the RMM's state of the granule at PA, and its GPI");
        out.println("rtt REALM IPA            (REALM: a name, or an RD address) the stage-2 walk of IPA, level by level, each descriptor decoded");
        out.println("rec REALM N              registers of REC N of REALM");
        out.println("tlb                      PE 0's TLB entries");
        out.println("measurements REALM       RIM and REMs of REALM");
        out.println("sgt                      Mica's Shared Granule Table");
        out.println("policy REALM             REALM's policy: upload state, and the policy its image carries");
        out.println("quit | q                 stop");
    }

    private void breakAt(String[] w) {
        String name = arg(w, 1, "break NAME").toUpperCase(Locale.ROOT);
        if (RmiCommand.byName(name).isEmpty() && RsiCommand.byName(name).isEmpty()) {
            throw new IllegalArgumentException("no RMI or RSI command called " + name);
        }
        breakpoints.add(name);
        out.println("breakpoint at " + name);
    }

    // ------------------------------------------------------------------ running

    private void advance(boolean every) {
        if (finished) {
            out.println("the run has ended");
            return;
        }
        stopAtEvery = every;
        if (thread == null) {
            start();
        } else {
            resume.release();
        }
        String stop;
        try {
            stop = stops.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (stop.isEmpty()) {
            finished = true;
            if (violation != null) {
                out.println("run stopped: " + violation.getMessage());
            } else if (failure != null) {
                out.println("run stopped: " + failure);
            } else {
                out.println("run ended: " + report.values().get("result") + " (" + report.values().get("cycles") + " cycles; "
                        + report.values().get("attestation") + ")");
            }
        } else {
            out.println(stop);
        }
    }

    private void start() {
        session = new ScenarioRunner(catalog).listener(new Gate()).platform(platform)
                .session(scenario.inMode(scenario.mode()), profile()).rsiListener(this::onRsi);
        thread = new Thread(() -> {
            try {
                report = session.run();
            } catch (InvariantViolation v) {
                violation = v;
            } catch (ScenarioException | RuntimeException e) {
                failure = e.getMessage();
            } finally {
                handOver("");
            }
        }, "mica-step");
        thread.setDaemon(true);
        thread.start();
    }

    private org.micasim.simulator.timing.TimingProfile profile() {
        try {
            return ScenarioRunner.profile(scenario);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void quit() {
        quitting = true;
        if (thread != null && !finished) {
            resume.release();
        }
    }

    /** On the simulation thread: report a stop and wait for the next command that runs on. */
    private void stop(String name, String description) {
        if (quitting || !(stopAtEvery || (name != null && breakpoints.contains(name)))) {
            return;
        }
        stopCount++;
        handOver(String.format("#%d [cycle %d] %s", stopCount, session.machine().cycles(0), description));
        resume.acquireUninterruptibly();
    }

    private void handOver(String s) {
        try {
            stops.put(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onRsi(Rd rd, Rec rec, long fid) {
        String name = RsiCommand.byFid(fid).map(Enum::name).orElse(String.format("SMC 0x%x", fid));
        stop(name, String.format("realm %s REC %d calls %s x1=0x%x x2=0x%x", realmName(rd.pa()), rec.index(), name,
                rec.vcpu().x(1), rec.vcpu().x(2)));
    }

    /** Turns the machine's trace into stops. */
    private final class Gate implements TraceListener {
        @Override
        public void onEvent(TraceEvent e) {
            if (e.kind() == TraceKind.SMC_CALL && e.detail().startsWith("from NS-EL2")) {
                long[] x = args(e.detail());
                String name = RmiCommand.byFid(x[0]).map(Enum::name).orElse(String.format("SMC 0x%x", x[0]));
                pendingRmi = name;
                pendingRun = name.equals("RMI_REC_ENTER") ? x[2] : -1;
                stop(name, String.format("host calls %s x1=0x%x x2=0x%x x3=0x%x", name, x[1], x[2], x[3]));
            } else if (e.kind() == TraceKind.SMC_RETURN && e.detail().startsWith("to NS-EL2") && pendingRmi != null) {
                long[] x = args(e.detail());
                String result = RmiReturn.format(x[0]);
                if (pendingRun >= 0 && x[0] == 0) {
                    RmiRecExit exit = RmiRecExit.decode(session.machine().peek(pendingRun + RmiRecRun.OFFSET_EXIT, RmiRecExit.SIZE));
                    result += ", REC exit " + exit.exitReason().name() + String.format(" esr=0x%x", exit.esr());
                }
                String name = pendingRmi;
                pendingRmi = null;
                stop(null, name + " returns " + result);
            }
        }
    }

    private static long[] args(String detail) {
        long[] x = new long[4];
        Matcher f = Pattern.compile("fid=0x([0-9a-f]+)").matcher(detail);
        if (f.find()) {
            x[0] = Long.parseUnsignedLong(f.group(1), 16);
        }
        Matcher m = ARGS.matcher(detail);
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            if (i < 4) {
                x[i] = Long.parseUnsignedLong(m.group(2), 16);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------ inspection

    private Machine machine() {
        if (session == null || session.machine() == null) {
            throw new IllegalArgumentException("the run has not started: use next or continue first");
        }
        return session.machine();
    }

    private void gpt(long pa) {
        int gpi = machine().gpiOf(pa);
        out.println(String.format("PA 0x%x: GPI %s", pa, gpiName(gpi)));
    }

    private static String gpiName(int gpi) {
        if (gpi < 0) {
            return "none (not covered by the GPT)";
        }
        return Gpi.isValid(gpi) ? String.format("0x%x %s", gpi, Gpi.fromValue(gpi).name()) : String.format("0x%x (reserved)", gpi);
    }

    private void granule(long pa) {
        Granule g = session.counter().rmm().granules().find(pa);
        out.println(String.format("granule 0x%x: %s, GPI %s", pa & ~0xFFFL, g == null ? "not RMM-managed memory" : g.state().name(),
                gpiName(machine().gpiOf(pa))));
    }

    /** The RD of the realm called {@code realm}, or at RD address {@code realm} (during its creation). */
    private Rd rd(String realm) {
        machine();
        if (realm.startsWith("0x")) {
            Rd rd = session.counter().rmm().rdAt(Long.parseUnsignedLong(realm.substring(2), 16));
            if (rd == null) {
                throw new IllegalArgumentException("no RD at " + realm);
            }
            return rd;
        }
        for (RunSession.Slot s : session.slots()) {
            if (s.spec.name().equals(realm)) {
                if (s.realm == null) {
                    throw new IllegalArgumentException("realm " + realm + " is not built yet");
                }
                Rd rd = session.counter().rmm().rdAt(s.realm.rd());
                if (rd == null) {
                    throw new IllegalArgumentException("realm " + realm + " has no RD yet");
                }
                return rd;
            }
        }
        if (scenario.realm(realm) != null) {
            throw new IllegalArgumentException("realm " + realm + " is not built yet");
        }
        throw new IllegalArgumentException("no realm " + realm + " in scenario " + scenario.name());
    }

    private String realmName(long rdPa) {
        if (session != null) {
            for (RunSession.Slot s : session.slots()) {
                if (s.realm != null && s.realm.rd() == rdPa) {
                    return s.spec.name();
                }
            }
        }
        return String.format("RD 0x%x", rdPa);
    }

    private void rtt(String realm, long ipa) {
        S2Context ctx = rd(realm).s2();
        Machine m = machine();
        long span = 1L << (12 + 9 * (4 - ctx.startLevel()));
        long table = ctx.rttBase() + (ipa / span) * 4096;
        out.println(String.format("realm %s IPA 0x%x (%s, %d-bit IPA, start level %d, %d root RTTs)", realm, ipa,
                ctx.isProtected(ipa) ? "protected" : "unprotected", ctx.ipaWidth(), ctx.startLevel(), ctx.numRootRtts()));
        for (int level = ctx.startLevel(); level <= 3; level++) {
            int index = (int) ((ipa >>> (12 + 9 * (3 - level))) & 0x1FF);
            long desc = m.peek64(table + 8L * index);
            S2tteState st = S2tte.state(desc, level);
            StringBuilder sb = new StringBuilder(String.format("  L%d RTT 0x%x [%3d] = 0x%016x  %s", level, table, index, desc, st));
            if (st == S2tteState.TABLE) {
                out.println(sb.append(String.format(" -> RTT 0x%x", S2tte.oa(desc))));
                table = S2tte.oa(desc);
                continue;
            }
            if (st == S2tteState.UNASSIGNED || st == S2tteState.ASSIGNED) {
                sb.append(" RIPAS ").append(S2tte.ripas(desc).name());
            }
            if (st == S2tteState.ASSIGNED || st == S2tteState.ASSIGNED_NS) {
                long ap = (desc & S2tte.S2AP_MASK) >>> 6;
                sb.append(String.format(" PA 0x%x S2AP %s%s", S2tte.oa(desc), (ap & 1) != 0 ? "R" : "", (ap & 2) != 0 ? "W" : ""));
                sb.append(", GPI ").append(gpiName(m.gpiOf(S2tte.oa(desc))));
            }
            out.println(sb);
            return;
        }
    }

    private void rec(String realm, int n) {
        Rd rd = rd(realm);
        List<Rec> recs = session.counter().rmm().recsOf(rd);
        if (n < 0 || n >= recs.size()) {
            throw new IllegalArgumentException("realm " + realm + " has " + recs.size() + " RECs");
        }
        Rec r = recs.get(n);
        StringBuilder sb = new StringBuilder(String.format("realm %s REC %d (granule 0x%x, MPIDR 0x%x, %s) PC 0x%x%n", realm, n,
                r.pa(), r.mpidr(), r.isRunning() ? "running" : "not running", r.vcpu().pc()));
        for (int i = 0; i < 31; i++) {
            sb.append(String.format("  X%-2d 0x%016x", i, r.vcpu().x(i))).append(i % 4 == 3 ? "\n" : "");
        }
        out.println(sb.toString().stripTrailing());
    }

    private void tlb() {
        List<TlbEntry> entries = machine().tlbEntries(0);
        out.println("PE0 TLB: " + entries.size() + " entries");
        for (TlbEntry e : entries) {
            out.println(String.format("  VMID %d %s IPA 0x%x -> PA 0x%x (%s PAS) L%d %s%s", e.vmid(), e.realm() ? "realm" : "NS",
                    e.ipaPage(), e.paPage(), org.micasim.simulator.memory.Pas.fromEncoding(e.pasEncoding()).name(), e.level(),
                    e.readable() ? "R" : "", e.writable() ? "W" : ""));
        }
    }

    private void measurements(String realm) {
        Rd rd = rd(realm);
        HexFormat hex = HexFormat.of();
        int d = rd.hashAlgo().digestSize();
        out.println("realm " + realm + " (" + rd.hashAlgo().name() + ")");
        out.println("  RIM    " + hex.formatHex(rd.rim(), 0, d));
        for (int i = 1; i <= 4; i++) {
            out.println("  REM[" + (i - 1) + "] " + hex.formatHex(rd.measurement(i), 0, d) + (i == 1 ? "  (Mica policy slot)" : ""));
        }
    }

    private void sgt() {
        if (session == null || session.mica() == null) {
            throw new IllegalArgumentException("no SGT: this run has no Mica extension (a baseline) or has not started");
        }
        List<SgtEntry> entries = session.mica().state().sgt().entries();
        out.println("SGT: " + entries.size() + " entries in " + session.mica().state().sgtGranules().size() + " granules");
        for (SgtEntry e : entries) {
            out.println(String.format("  PA 0x%x  IPA 0x%x  realm %s", e.pa(), e.gpa(), realmName(e.rd())));
        }
    }

    private void policy(String realm) {
        Rd rd = rd(realm);
        RunSession.Slot slot = null;
        for (RunSession.Slot s : session.slots()) {
            if (s.spec.name().equals(realm)) {
                slot = s;
            }
        }
        if (session.mica() == null || slot.policy == null) {
            out.println("realm " + realm + " has no policy in this run");
            return;
        }
        boolean up = session.mica().state().uploaded(rd.pa());
        out.println("realm " + realm + ": policy " + (up ? "uploaded and active" : "not uploaded")
                + session.mica().state().lastUpload(rd.pa()).map(o -> " (last upload: " + o.stage() + (o.detail().isEmpty() ? "" : " " + o.detail()) + ")").orElse(""));
        try {
            out.print(Decompiler.toSource(PolyDecoder.decode(slot.policy)));
        } catch (MalformedPolicyException e) {
            out.println("  (the image's policy does not decode: " + e.getMessage() + ")");
        }
    }

    private static String arg(String[] w, int i, String usage) {
        if (w.length <= i) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return w[i];
    }

    private static long number(String[] w, int i, String usage) {
        String s = arg(w, i, usage).replace("_", "");
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + w[i] + "' is not a number (usage: " + usage + ")");
        }
    }
}
