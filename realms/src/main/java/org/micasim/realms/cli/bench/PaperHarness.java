package org.micasim.realms.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.micasim.realms.scenario.GroupAttestation;
import org.micasim.realms.scenario.RunReport;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioRunner;
import org.micasim.realms.trace.Slice;
import org.micasim.realms.workload.TransportMode;

/**
 * The Mica authors' benchmark harness (reference mica.md §6.3) run in simulation: per attestation case,
 * the simulated cycles each realm's build, policy upload and group attestation take and the token size;
 * and realm1-realm2 ping-pong round trips over Mica protected shared memory versus AES-256-CBC+HMAC and
 * AES-256-CTR+HMAC over host-shared memory. Every figure is a simulated cycle count (deterministic for
 * the seed and profile) except {@code hostMillis}, the wall time the simulation took on this host.
 */
public final class PaperHarness {
    /** The payload sizes of the harness. */
    public static final List<Long> SIZES = List.of(65536L, 262144L, 524288L, 1048576L, 10485760L);
    /** The transports compared, Mica first. */
    public static final List<TransportMode> MODES = List.of(TransportMode.MICA, TransportMode.AES_CBC_HMAC,
            TransportMode.AES_CTR_HMAC);
    private static final long MAX_EXITS = 50_000_000L;

    private final PaperCases cases = new PaperCases();

    /** One attestation case: per realm build, upload and attestation cycles, and the token's size. */
    public Map<String, Object> attestationCase(String name) throws ScenarioException {
        Scenario s = cases.scenario(name, 4096, 0);
        long start = System.nanoTime();
        RunReport report = new ScenarioRunner(cases.catalog()).recordTrace(true).baselines(false).maxExits(MAX_EXITS)
                .run(s).get(0);
        long hostNanos = System.nanoTime() - start;
        GroupAttestation.Files files = GroupAttestation.attest(s, cases.catalog());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case", name);
        out.put("result", report.values().get("result"));
        out.put("attestation", report.values().get("attestation"));
        out.put("problems", report.values().get("problems"));
        out.put("phases", report.values().get("phaseCycles"));
        out.put("totalCycles", report.values().get("cycles"));
        out.put("hostMillis", hostNanos / 1e6);
        out.put("frequencyMHz", report.frequencyMHz());
        List<Slice> rmi = track(report.slices(), "RMI calls");
        List<Slice> rsi = track(report.slices(), "RSI calls");
        List<Slice> activations = named(rmi, "RMI_REALM_ACTIVATE");
        long buildStart = firstBuildCycle(rmi);
        List<Object> realms = new ArrayList<>();
        for (int i = 0; i < s.realms().size(); i++) {
            String realm = s.realms().get(i).name();
            String guest = "realm " + realm;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("realm", realm);
            long activated = i < activations.size() ? activations.get(i).endCycle() : -1;
            m.put("buildCycles", activated < 0 ? -1 : activated - buildStart);
            buildStart = activated;
            m.put("policyUploadCycles", s.realms().get(i).policy() == null ? -1 : sum(madeBy(named(rsi, "RSI_UPLOAD_POLICY"), guest, report.slices())));
            List<Slice> init = madeBy(named(rsi, "RSI_ATTEST_TOKEN_INIT_GROUP"), guest, report.slices());
            List<Slice> cont = madeBy(named(rsi, "RSI_ATTEST_TOKEN_CONTINUE_GROUP"), guest, report.slices());
            m.put("attestationCycles", init.isEmpty() || cont.isEmpty() ? -1
                    : cont.get(cont.size() - 1).endCycle() - init.get(0).startCycle());
            m.put("attestationCalls", init.size() + cont.size());
            realms.add(m);
        }
        out.put("realms", realms);
        out.put("tokenBytes", files.token() == null ? 0 : files.token().length);
        List<Integer> images = new ArrayList<>();
        files.images().forEach(b -> images.add(b.length));
        out.put("policyImageBytes", images);
        out.put("groupMembers", files.members());
        out.put("groupAccepted", files.accepted());
        return out;
    }

    /**
     * {@code rounds} round trips of {@code bytes} in {@code mode}: the cycles of the run with them minus
     * the cycles of the same run with none, divided by {@code rounds}.
     */
    public Map<String, Object> pingPong(long bytes, int rounds, TransportMode mode) throws ScenarioException {
        Scenario with = cases.scenario("two", bytes, rounds).inMode(mode);
        Scenario without = cases.scenario("two", bytes, 0).inMode(mode);
        long start = System.nanoTime();
        RunReport r = run(with);
        long hostNanos = System.nanoTime() - start;
        RunReport zero = run(without);
        long cycles = (Long) r.values().get("cycles") - (Long) zero.values().get("cycles");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode.label());
        out.put("bytes", bytes);
        out.put("rounds", rounds);
        out.put("result", r.values().get("result"));
        out.put("cyclesPerRoundTrip", rounds == 0 ? 0 : cycles / rounds);
        out.put("microsPerRoundTrip", rounds == 0 ? 0.0 : cycles / (double) rounds / r.frequencyMHz());
        out.put("hostMillis", hostNanos / 1e6);
        out.put("problems", r.values().get("problems"));
        return out;
    }

    /** Every case of {@code caseNames}, then every size of {@code sizes} in every mode; as a JSON-ready tree. */
    public Map<String, Object> runAll(List<String> caseNames, List<Long> sizes, int rounds) throws ScenarioException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> att = new ArrayList<>();
        for (String c : caseNames) {
            att.add(attestationCase(c));
        }
        out.put("attestation", att);
        List<Object> pp = new ArrayList<>();
        for (long size : sizes) {
            for (TransportMode m : MODES) {
                pp.add(pingPong(size, rounds, m));
            }
        }
        out.put("pingPong", pp);
        return out;
    }

    /**
     * Whether every run of {@link #runAll}'s result ran to its end without a problem and every case's group
     * token was accepted by the relying party ({@code groupAccepted}; a realm without a policy, as in
     * {@code one_no_policy}, is attested as a group of one with no policy).
     */
    @SuppressWarnings("unchecked")
    public static boolean allOk(Map<String, Object> result) {
        for (Object o : (List<Object>) result.get("attestation")) {
            Map<String, Object> run = (Map<String, Object>) o;
            if (!((List<Object>) run.get("problems")).isEmpty() || !Boolean.TRUE.equals(run.get("groupAccepted"))) {
                return false;
            }
        }
        for (Object o : (List<Object>) result.get("pingPong")) {
            if (!String.valueOf(((Map<String, Object>) o).get("result")).startsWith("ok")) {
                return false;
            }
        }
        return true;
    }

    /** The ping-pong figure of {@link #runAll}'s result: simulated microseconds per round trip over payload size. */
    @SuppressWarnings("unchecked")
    public static String plot(Map<String, Object> result) {
        LogPlot plot = new LogPlot("realm1 <-> realm2 ping-pong (simulated)", "payload bytes", "simulated us per round trip");
        String[] colours = {"#1b9e77", "#d95f02", "#7570b3"};
        int k = 0;
        for (TransportMode m : MODES) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (Object o : (List<Object>) result.get("pingPong")) {
                Map<String, Object> p = (Map<String, Object>) o;
                if (p.get("mode").equals(m.label()) && ((Number) p.get("microsPerRoundTrip")).doubleValue() > 0) {
                    points.add(p);
                }
            }
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = ((Number) points.get(i).get("bytes")).doubleValue();
                ys[i] = ((Number) points.get(i).get("microsPerRoundTrip")).doubleValue();
            }
            String name = m == TransportMode.MICA ? "Mica shared memory" : m.label().toUpperCase().replace("AES-", "AES-256-");
            plot.add(new LogPlot.Series(name, colours[k++ % colours.length], xs, ys));
        }
        return plot.toSvg();
    }

    private RunReport run(Scenario s) throws ScenarioException {
        return new ScenarioRunner(cases.catalog()).recordTrace(false).baselines(false).maxExits(MAX_EXITS).run(s).get(0);
    }

    /** The first RMI of the build (after the host registered the SGT granules). */
    private static long firstBuildCycle(List<Slice> rmi) {
        long start = rmi.isEmpty() ? 0 : rmi.get(0).startCycle();
        for (int i = 0; i < rmi.size(); i++) {
            if (rmi.get(i).name().equals("RMI_SGT") && i + 1 < rmi.size()) {
                start = rmi.get(i + 1).startCycle();
            }
        }
        return start;
    }

    private static List<Slice> track(List<Slice> slices, String thread) {
        List<Slice> out = new ArrayList<>();
        for (Slice s : slices) {
            if (s.track().threadName().equals(thread)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Slice> named(List<Slice> slices, String name) {
        return slices.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The calls that realm track {@code guest} made: a realm's SMC ends its guest slice, so a call belongs
     * to the realm whose guest slice ended last before the call began.
     */
    private static List<Slice> madeBy(List<Slice> calls, String guest, List<Slice> all) {
        List<Slice> guests = all.stream().filter(s -> s.track().threadName().startsWith("realm ")).toList();
        List<Slice> out = new ArrayList<>();
        for (Slice c : calls) {
            Slice last = null;
            for (Slice g : guests) {
                if (g.endCycle() <= c.startCycle() && (last == null || g.endCycle() >= last.endCycle())) {
                    last = g;
                }
            }
            if (last != null && last.track().threadName().equals(guest)) {
                out.add(c);
            }
        }
        return out;
    }

    private static long sum(List<Slice> slices) {
        long n = 0;
        for (Slice s : slices) {
            n += s.endCycle() - s.startCycle();
        }
        return n;
    }
}
