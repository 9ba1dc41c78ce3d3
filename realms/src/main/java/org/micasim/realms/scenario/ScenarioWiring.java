package org.micasim.realms.scenario;

import java.util.Map;
import java.util.TreeMap;
import org.micasim.realms.workload.GuestWorkload;
import org.micasim.realms.workload.PortBinding;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadParameters;

/**
 * Where each realm of a scenario finds things in its IPA space, and the descriptor parameters its image
 * carries. Realm IPA layout: the image at IPA 0 (the program descriptor in its first granule, which is
 * the entry point), the RsiHostCall scratch in its last granule; each channel at its end's IPA, in the
 * protected half for Mica channels, or at the same offset in the unprotected half (IPA + 2^(ipaBits-1))
 * for host-shared memory: every host channel, and every channel of a baseline.
 */
public final class ScenarioWiring {
    /** IPA of the image's first granule and the REC's entry PC. */
    public static final long IMAGE_BASE = 0;

    private ScenarioWiring() {
    }

    /** Whether {@code channel} lives in host-shared (Non-secure) memory in {@code scenario}. */
    public static boolean hostShared(Scenario scenario, Scenario.ChannelSpec channel) {
        return channel.hostChannel() || scenario.mode() != TransportMode.MICA;
    }

    /** The IPA at which {@code realm} reaches {@code channel}. */
    public static long channelIpa(Scenario scenario, Scenario.RealmSpec realm, Scenario.ChannelSpec channel) {
        int end = channel.endOf(realm.name());
        if (end < 0) {
            throw new IllegalArgumentException("channel " + channel.name() + " has no end in realm " + realm.name());
        }
        long ipa = channel.ends().get(end).ipa();
        return hostShared(scenario, channel) ? realm.unprotectedBase() + ipa : ipa;
    }

    /** The IPA of {@code realm}'s RsiHostCall structure (the image's last granule). */
    public static long hostCallIpa(Scenario.RealmSpec realm) {
        return IMAGE_BASE + realm.imageSize() - 4096;
    }

    /** The IPA of the private granule {@code realm} uploads its policy from. */
    public static long policyIpa(Scenario.RealmSpec realm) {
        return IMAGE_BASE + realm.imageSize() - 2 * 4096;
    }

    /** The IPA of the private granule RSI_ATTEST_TOKEN_CONTINUE_GROUP writes into. */
    public static long attestBufferIpa(Scenario.RealmSpec realm) {
        return IMAGE_BASE + realm.imageSize() - 3 * 4096;
    }

    /** Offset in the unprotected half of the attesting gateway's host-shared mailbox. */
    public static final long MAILBOX_OFFSET = 0x4000_0000L;
    /** Size of the mailbox: a token and up to eight 2184-byte policy images. */
    public static final long MAILBOX_SIZE = 0x8000;

    /** The IPA of {@code realm}'s attestation mailbox (host-shared). */
    public static long mailboxIpa(Scenario.RealmSpec realm) {
        return realm.unprotectedBase() + MAILBOX_OFFSET;
    }

    /** The binding of {@code port} of {@code realm}. */
    public static PortBinding binding(Scenario scenario, Scenario.RealmSpec realm, String port) {
        Scenario.ChannelSpec ch = scenario.channel(realm.ports().get(port));
        long base = channelIpa(scenario, realm, ch);
        if (ch.hostChannel()) {
            return PortBinding.forHostChannel(port, base, ch.size());
        }
        String seal = scenario.mode() == TransportMode.MICA ? null : ch.name();
        return PortBinding.forRealmChannel(port, base, ch.size(), ch.oneWay(), ch.endOf(realm.name()), seal);
    }

    /** {base, top} of each protected channel window of {@code realm} (RIPAS RAM before activation). */
    public static java.util.List<long[]> protectedWindows(Scenario scenario, Scenario.RealmSpec realm) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (Scenario.ChannelSpec c : scenario.channels()) {
            if (c.endOf(realm.name()) >= 0 && !hostShared(scenario, c)) {
                long base = channelIpa(scenario, realm, c);
                out.add(new long[] {base, base + c.size()});
            }
        }
        return out;
    }

    /** The descriptor parameters of {@code realm}'s image. */
    public static WorkloadParameters parameters(Scenario scenario, Scenario.RealmSpec realm) {
        Map<String, String> p = new TreeMap<>();
        p.put("mode", scenario.mode().label());
        p.put("seed", Long.toString(scenario.seed()));
        p.put(GuestWorkload.HOST_CALL_PARAMETER, "0x" + Long.toHexString(hostCallIpa(realm)));
        p.put(GuestWorkload.POLICY_IPA_PARAMETER, "0x" + Long.toHexString(policyIpa(realm)));
        p.put(GuestWorkload.ATTEST_BUFFER_PARAMETER, "0x" + Long.toHexString(attestBufferIpa(realm)));
        for (String port : realm.ports().keySet()) {
            binding(scenario, realm, port).encodeInto(p);
        }
        realm.parameters().forEach((k, v) -> p.put("param." + k, Long.toString(v)));
        return new WorkloadParameters(p);
    }
}
