package org.micasim.realms.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.micasim.realms.workload.TransportMode;

/**
 * A checked scenario with every default filled in: what {@code mica run} builds and runs.
 *
 * @param source where it came from (a file path or {@code bundled:NAME}), for messages
 * @param profile a timing profile: {@code default} or a path to a profile file
 */
public record Scenario(
        String name,
        String description,
        String source,
        long seed,
        String profile,
        TransportMode mode,
        List<TransportMode> baselines,
        HostBehaviour host,
        String hostTarget,
        List<RealmSpec> realms,
        List<ChannelSpec> channels) {

    /** Default realm image size (one granule of program descriptor, one of host-call scratch, and room). */
    public static final long DEFAULT_IMAGE_SIZE = 64 * 1024;
    /** Default IPA width: the published channel IPAs (0x180_0000_0000) lie in the protected half of 42 bits. */
    public static final int DEFAULT_IPA_BITS = 42;

    /** One realm, resolved. */
    public record RealmSpec(String name, long imageSize, int recs, int ipaBits, String program,
                            Map<String, String> ports, Map<String, Long> parameters, PolicySource policy) {
        /** The first IPA of the unprotected half (the NS-shared alias of IPA 0). */
        public long unprotectedBase() {
            return 1L << (ipaBits - 1);
        }
    }

    /** A policy's source text and where it came from. */
    public record PolicySource(String name, String text) {
    }

    /** One channel, resolved. */
    public record ChannelSpec(String name, long size, boolean oneWay, List<EndSpec> ends) {
        /** Whether the channel connects one gateway realm with the host (always host-shared memory). */
        public boolean hostChannel() {
            return ends.size() == 1;
        }

        /** The end of {@code realm}, or -1. */
        public int endOf(String realm) {
            for (int i = 0; i < ends.size(); i++) {
                if (ends.get(i).realm().equals(realm)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Where a realm maps a channel: the base IPA in its protected half. */
    public record EndSpec(String realm, long ipa) {
    }

    /** The realm called {@code name}, or null. */
    public RealmSpec realm(String name) {
        for (RealmSpec r : realms) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** The channel called {@code name}, or null. */
    public ChannelSpec channel(String name) {
        for (ChannelSpec c : channels) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The variant that runs in {@code m} (a baseline: no policies, channels in host-shared memory). */
    public Scenario inMode(TransportMode m) {
        List<RealmSpec> rs = new ArrayList<>();
        for (RealmSpec r : realms) {
            rs.add(m == TransportMode.MICA ? r : new RealmSpec(r.name(), r.imageSize(), r.recs(), r.ipaBits(), r.program(),
                    r.ports(), r.parameters(), null));
        }
        return new Scenario(name, description, source, seed, profile, m, List.of(), host, hostTarget, List.copyOf(rs), channels);
    }

    /**
     * The same scenario with workload parameter {@code param} of realm {@code realm} set to {@code value}
     * (the CLI's {@code --set realm.param=value}); throws with a message naming what is unknown.
     */
    public Scenario withParameter(String realm, String param, long value) {
        List<RealmSpec> rs = new ArrayList<>();
        boolean found = false;
        for (RealmSpec r : realms) {
            if (r.name().equals(realm)) {
                if (!r.parameters().containsKey(param)) {
                    throw new IllegalArgumentException("realm " + realm + " (program " + r.program() + ") has no parameter '"
                            + param + "' (its parameters: " + String.join(", ", new java.util.TreeSet<>(r.parameters().keySet())) + ")");
                }
                if (value < 0 || value > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("parameter " + realm + "." + param + " must be 0.." + Integer.MAX_VALUE);
                }
                Map<String, Long> p = new java.util.TreeMap<>(r.parameters());
                p.put(param, value);
                r = new RealmSpec(r.name(), r.imageSize(), r.recs(), r.ipaBits(), r.program(), r.ports(), Map.copyOf(p), r.policy());
                found = true;
            }
            rs.add(r);
        }
        if (!found) {
            throw new IllegalArgumentException("no realm '" + realm + "' in scenario " + name);
        }
        return new Scenario(name, description, source, seed, profile, mode, baselines, host, hostTarget, List.copyOf(rs), channels);
    }

    /** The same scenario with another seed or profile (the CLI's --seed and --profile). */
    public Scenario with(long newSeed, String newProfile) {
        return new Scenario(name, description, source, newSeed, newProfile, mode, baselines, host, hostTarget, realms, channels);
    }
}
