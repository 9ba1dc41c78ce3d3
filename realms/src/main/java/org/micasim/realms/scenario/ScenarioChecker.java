package org.micasim.realms.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.micasim.realms.workload.PortBinding;
import org.micasim.realms.workload.PortUse;
import org.micasim.realms.workload.ProgramSpec;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.realms.workload.channel.RingLayout;

/**
 * Checks a bound {@link ScenarioFile} field by field and resolves its defaults. The first problem found
 * is reported as {@code SOURCE: PATH: message}, PATH naming the field ({@code realms[1].workload.ports}).
 */
public final class ScenarioChecker {
    /** The most realms one scenario may hold: Mica's group-attestation limit (reference mica.md §7). */
    public static final int MAX_REALMS = 8;
    /** The largest channel: Mica's 4096-page object limit. */
    public static final long MAX_CHANNEL = 4096L * 4096;
    public static final long MAX_IMAGE = 64L << 20;
    /** Descriptor granules (with the policy, up to 4 granules) plus three scratch granules and room. */
    public static final long MIN_IMAGE = 32L << 10;
    public static final int MAX_RECS = 8;

    /** Reads a policy file named by a scenario, or returns null if it does not exist. */
    @FunctionalInterface
    public interface PolicyReader {
        String read(String path);
    }

    private final WorkloadCatalog catalog;

    public ScenarioChecker(WorkloadCatalog catalog) {
        this.catalog = catalog;
    }

    /** Checks {@code f}, read from {@code source}, and returns the resolved scenario. */
    public Scenario check(ScenarioFile f, String source, PolicyReader policies) throws ScenarioException {
        Ctx c = new Ctx(source);
        c.require(f.name() != null, "name", "is required");
        c.require(f.name().matches("[a-z0-9][a-z0-9-]{0,47}"), "name", "must be 1..48 of [a-z0-9-], got '" + f.name() + "'");
        TransportMode mode = f.mode() == null ? TransportMode.MICA : TransportMode.fromLabel(f.mode());
        c.require(mode != null, "mode", "must be one of " + TransportMode.labels() + ", got '" + f.mode() + "'");
        List<TransportMode> baselines = new ArrayList<>();
        if (f.baselines() != null) {
            for (int i = 0; i < f.baselines().size(); i++) {
                TransportMode b = TransportMode.fromLabel(f.baselines().get(i));
                c.require(b != null && b != TransportMode.MICA && b != mode && !baselines.contains(b), "baselines[" + i + "]",
                        "must be a baseline (aes-ctr-hmac, aes-cbc-hmac) other than the mode, listed once, got '" + f.baselines().get(i) + "'");
                baselines.add(b);
            }
        }
        HostBehaviour host = HostBehaviour.HONEST;
        String target = null;
        if (f.host() != null) {
            host = f.host().behaviour() == null ? null : HostBehaviour.fromLabel(f.host().behaviour());
            c.require(host != null, "host.behaviour", "must be one of " + HostBehaviour.labels() + ", got '" + f.host().behaviour() + "'");
            target = f.host().target();
        }
        c.require(f.realms() != null && !f.realms().isEmpty(), "realms", "must list at least one realm");
        c.require(f.realms().size() <= MAX_REALMS, "realms", "at most " + MAX_REALMS + " realms (Mica's group limit), got " + f.realms().size());

        Map<String, ScenarioFile.Realm> realmsByName = new LinkedHashMap<>();
        for (int i = 0; i < f.realms().size(); i++) {
            ScenarioFile.Realm r = f.realms().get(i);
            String p = "realms[" + i + "]";
            c.require(r != null && r.name() != null, p + ".name", "is required");
            c.require(r.name().matches("[a-z][a-z0-9-]{0,15}"), p + ".name", "must be 1..16 of [a-z0-9-] starting with a letter, got '" + r.name() + "'");
            c.require(realmsByName.put(r.name(), r) == null, p + ".name", "realm '" + r.name() + "' is declared twice");
        }

        List<Scenario.ChannelSpec> channels = checkChannels(c, f, realmsByName);
        List<Scenario.RealmSpec> realms = new ArrayList<>();
        for (int i = 0; i < f.realms().size(); i++) {
            realms.add(checkRealm(c, "realms[" + i + "]", f.realms().get(i), channels, mode, policies));
        }
        checkOverlaps(c, realms, channels);
        if (host.needsChannelTarget()) {
            Scenario.ChannelSpec t = null;
            for (Scenario.ChannelSpec ch : channels) {
                if (ch.name().equals(target)) {
                    t = ch;
                }
            }
            c.require(t != null && !t.hostChannel(), "host.target", "attack '" + host.label()
                    + "' needs the name of a channel between two realms, got " + (target == null ? "nothing" : "'" + target + "'"));
        } else if (host.needsRealmTarget()) {
            boolean known = false;
            for (Scenario.RealmSpec r : realms) {
                known |= r.name().equals(target);
            }
            c.require(known, "host.target", "attack '" + host.label() + "' needs the name of a realm, got "
                    + (target == null ? "nothing" : "'" + target + "'"));
        } else {
            c.require(target == null, "host.target", "behaviour '" + host.label() + "' takes no target");
        }
        long seed = f.seed() == null ? 1 : f.seed();
        String profile = f.profile() == null ? "default" : f.profile();
        return new Scenario(f.name(), f.description() == null ? "" : f.description(), source, seed, profile, mode,
                List.copyOf(baselines), host, target, List.copyOf(realms), List.copyOf(channels));
    }

    private List<Scenario.ChannelSpec> checkChannels(Ctx c, ScenarioFile f, Map<String, ScenarioFile.Realm> realms) throws ScenarioException {
        List<Scenario.ChannelSpec> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<ScenarioFile.Channel> list = f.channels() == null ? List.of() : f.channels();
        for (int i = 0; i < list.size(); i++) {
            ScenarioFile.Channel ch = list.get(i);
            String p = "channels[" + i + "]";
            c.require(ch != null && ch.name() != null, p + ".name", "is required");
            c.require(ch.name().matches("[A-Za-z][A-Za-z0-9_-]{0,15}"), p + ".name", "must be 1..16 of [A-Za-z0-9_-] starting with a letter");
            c.require(names.add(ch.name()), p + ".name", "channel '" + ch.name() + "' is declared twice");
            c.require(ch.size() != null, p + ".size", "is required");
            long size = ch.size().value();
            c.require(size % 4096 == 0 && size >= 8192 && size <= MAX_CHANNEL, p + ".size",
                    "must be a multiple of 4 KiB from 8 KiB to 16 MiB (4096 granules), got " + ch.size());
            String dir = ch.direction() == null ? "both" : ch.direction();
            c.require(dir.equals("both") || dir.equals("one-way"), p + ".direction", "must be 'both' or 'one-way', got '" + dir + "'");
            boolean oneWay = dir.equals("one-way");
            c.require(ch.ends() != null && (ch.ends().size() == 1 || ch.ends().size() == 2), p + ".ends",
                    "must list two realms, or one gateway realm for a channel to the host");
            c.require(!(oneWay && ch.ends().size() == 1), p + ".direction", "a channel to the host is two-way");
            List<Scenario.EndSpec> ends = new ArrayList<>();
            for (int e = 0; e < ch.ends().size(); e++) {
                ScenarioFile.End end = ch.ends().get(e);
                String q = p + ".ends[" + e + "]";
                c.require(end != null && end.realm() != null && realms.containsKey(end.realm()), q + ".realm",
                        "must name a declared realm, got " + (end == null || end.realm() == null ? "nothing" : "'" + end.realm() + "'"));
                c.require(end.ipa() != null && end.ipa().value() % 4096 == 0, q + ".ipa", "is required and must be 4 KiB aligned");
                for (Scenario.EndSpec other : ends) {
                    c.require(!other.realm().equals(end.realm()), q + ".realm", "a channel joins two different realms");
                }
                ends.add(new Scenario.EndSpec(end.realm(), end.ipa().value()));
            }
            long ring = oneWay ? size : size / 2;
            c.require(ring >= RingLayout.MIN_REGION_BYTES, p + ".size", "too small for its rings");
            out.add(new Scenario.ChannelSpec(ch.name(), size, oneWay, List.copyOf(ends)));
        }
        return out;
    }

    private Scenario.RealmSpec checkRealm(Ctx c, String p, ScenarioFile.Realm r, List<Scenario.ChannelSpec> channels,
                                          TransportMode mode, PolicyReader policies) throws ScenarioException {
        long image = r.imageSize() == null ? Scenario.DEFAULT_IMAGE_SIZE : r.imageSize().value();
        c.require(image % 4096 == 0 && image >= MIN_IMAGE && image <= MAX_IMAGE, p + ".imageSize",
                "must be a multiple of 4 KiB from 32 KiB to 64 MiB, got " + (r.imageSize() == null ? "" : r.imageSize()));
        int recs = r.recs() == null ? 1 : r.recs();
        c.require(recs >= 1 && recs <= MAX_RECS, p + ".recs", "must be 1.." + MAX_RECS + ", got " + recs);
        int ipaBits = r.ipaBits() == null ? Scenario.DEFAULT_IPA_BITS : r.ipaBits();
        c.require(ipaBits >= 40 && ipaBits <= 48, p + ".ipaBits", "must be 40..48, got " + ipaBits);
        c.require(r.workload() != null && r.workload().program() != null, p + ".workload.program", "is required");
        ProgramSpec spec = catalog.get(r.workload().program());
        c.require(spec != null, p + ".workload.program", "unknown program '" + r.workload().program() + "' (known: "
                + String.join(", ", catalog.all().keySet()) + ")");
        Map<String, String> ports = r.workload().ports() == null ? Map.of() : r.workload().ports();
        for (String port : ports.keySet()) {
            c.require(spec.ports().containsKey(port), p + ".workload.ports." + port, "program " + spec.name()
                    + " has no port '" + port + "' (its ports: " + String.join(", ", new TreeMap<>(spec.ports()).keySet()) + ")");
        }
        boolean sharesWithRealms = false;
        for (Map.Entry<String, PortUse> e : new TreeMap<>(spec.ports()).entrySet()) {
            String q = p + ".workload.ports." + e.getKey();
            String chName = ports.get(e.getKey());
            c.require(chName != null, q, "program " + spec.name() + " needs port '" + e.getKey() + "' bound to a channel");
            Scenario.ChannelSpec ch = null;
            for (Scenario.ChannelSpec x : channels) {
                if (x.name().equals(chName)) {
                    ch = x;
                }
            }
            c.require(ch != null, q, "no channel called '" + chName + "'");
            int end = ch.endOf(r.name());
            c.require(end >= 0, q, "channel '" + chName + "' has no end in realm '" + r.name() + "'");
            boolean wantsHost = e.getKey().equals(spec.hostPort());
            c.require(wantsHost == ch.hostChannel(), q, wantsHost
                    ? "port '" + e.getKey() + "' faces the host: bind it to a channel with this realm as its only end"
                    : "port '" + e.getKey() + "' talks to a realm: bind it to a channel between two realms");
            PortUse offered = ch.hostChannel() ? PortUse.DUPLEX
                    : PortBinding.forRealmChannel(e.getKey(), 0, ch.size(), ch.oneWay(), end, null).use();
            c.require(e.getValue().fits(offered), q, "port '" + e.getKey() + "' needs " + e.getValue().name().toLowerCase()
                    + " but channel '" + chName + "' offers " + offered.name().toLowerCase() + " at this end");
            sharesWithRealms |= !ch.hostChannel();
        }
        Map<String, Long> parameters = new TreeMap<>(spec.defaults());
        if (r.workload().parameters() != null) {
            for (Map.Entry<String, Long> e : r.workload().parameters().entrySet()) {
                String q = p + ".workload.parameters." + e.getKey();
                c.require(spec.defaults().containsKey(e.getKey()), q, "program " + spec.name() + " has no parameter '" + e.getKey()
                        + "' (its parameters: " + String.join(", ", new TreeMap<>(spec.defaults()).keySet()) + ")");
                c.require(e.getValue() != null && e.getValue() >= 0 && e.getValue() <= Integer.MAX_VALUE, q, "must be 0.." + Integer.MAX_VALUE);
                parameters.put(e.getKey(), e.getValue());
            }
        }
        Scenario.PolicySource policy = null;
        if (r.policy() != null) {
            String text = policies.read(r.policy());
            c.require(text != null, p + ".policy", "policy file '" + r.policy() + "' not found");
            policy = new Scenario.PolicySource(r.policy(), text);
        }
        c.require(!(mode == TransportMode.MICA && sharesWithRealms && policy == null), p + ".policy",
                "realm '" + r.name() + "' shares protected memory with other realms, so in mode mica it needs a policy");
        return new Scenario.RealmSpec(r.name(), image, recs, ipaBits, spec.name(), Map.copyOf(new TreeMap<>(ports)),
                Map.copyOf(parameters), policy);
    }

    /** Each realm's image and channel windows must fit its protected IPA half and not overlap. */
    private static void checkOverlaps(Ctx c, List<Scenario.RealmSpec> realms, List<Scenario.ChannelSpec> channels) throws ScenarioException {
        for (Scenario.RealmSpec r : realms) {
            List<long[]> windows = new ArrayList<>();
            List<String> names = new ArrayList<>();
            windows.add(new long[] {0, r.imageSize()});
            names.add("its image [0x0, 0x" + Long.toHexString(r.imageSize()) + ")");
            windows.add(new long[] {ScenarioWiring.MAILBOX_OFFSET, ScenarioWiring.MAILBOX_OFFSET + ScenarioWiring.MAILBOX_SIZE});
            names.add("the attestation mailbox window [0x" + Long.toHexString(ScenarioWiring.MAILBOX_OFFSET) + ", 0x"
                    + Long.toHexString(ScenarioWiring.MAILBOX_OFFSET + ScenarioWiring.MAILBOX_SIZE) + ")");
            for (int i = 0; i < channels.size(); i++) {
                Scenario.ChannelSpec ch = channels.get(i);
                int e = ch.endOf(r.name());
                if (e < 0) {
                    continue;
                }
                long base = ch.ends().get(e).ipa();
                String where = "channels[" + i + "].ends[" + e + "].ipa";
                c.require(base + ch.size() <= r.unprotectedBase(), where, String.format(
                        "channel '%s' at 0x%x..0x%x does not fit realm '%s''s protected half (below 0x%x with ipaBits %d)",
                        ch.name(), base, base + ch.size(), r.name(), r.unprotectedBase(), r.ipaBits()));
                for (int w = 0; w < windows.size(); w++) {
                    long[] o = windows.get(w);
                    c.require(base + ch.size() <= o[0] || base >= o[1], where, String.format(
                            "channel '%s' at 0x%x overlaps %s in realm '%s'", ch.name(), base, names.get(w), r.name()));
                }
                windows.add(new long[] {base, base + ch.size()});
                names.add("channel '" + ch.name() + "'");
            }
        }
    }

    /** Where the checker is, for messages. */
    private static final class Ctx {
        private final String source;

        Ctx(String source) {
            this.source = source;
        }

        void require(boolean ok, String path, String message) throws ScenarioException {
            if (!ok) {
                throw new ScenarioException(source + ": " + path + ": " + message);
            }
        }
    }
}
