package org.micasim.realms.scenario;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.micasim.realms.host.GranulePool;
import org.micasim.realms.host.HostedRealm;
import org.micasim.realms.host.RealmHost;
import org.micasim.realms.host.RealmImage;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.rmm.mica.ExpectedMember;
import org.micasim.rmm.mica.GroupVerification;
import org.micasim.rmm.mica.GroupVerifier;
import org.micasim.rmm.mica.MeasurementValue;
import org.micasim.rmm.mica.MicaExtension;
import org.micasim.rmm.mica.Policy;
import org.micasim.rmm.mica.PolicyDecoder;
import org.micasim.rmm.mica.PolicyFormatException;
import org.micasim.rmm.mica.PolicyImage;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.timing.TimingProfile;

/**
 * The tenant's side of group attestation in {@code mica run}: the expected RIM of every realm comes from a
 * <b>reference build</b> of the same image on a separate, freshly booted simulated machine (as a tenant
 * computes reference measurements with its own tooling; the machine under test is never read), the
 * expected policy from compiling the realm's policy source, the expected RPV is zero; then the RMM
 * team's relying-party verifier ({@link GroupVerifier}) checks the stream the gateway produced. Members
 * are matched to realms by their streamed policy, in stream order, because a relying party knows the
 * pipeline but not the order in which the RMM discovered it.
 */
final class GroupCheck {
    private final Scenario scenario;
    private final TimingProfile profile;
    private final ECPublicKey platformKey;

    /** The verdict and the members in stream order. */
    record Result(GroupVerification verification, List<String> members) {
        boolean accepted() {
            return verification.accepted();
        }

        String summary() {
            return (accepted() ? "group token accepted" : verification.toString()) + " (" + members.size()
                    + " members: " + String.join(", ", members) + ")";
        }
    }

    GroupCheck(Scenario scenario, WorkloadCatalog catalog, TimingProfile profile, ECPublicKey platformKey) {
        this.scenario = scenario;
        this.profile = profile;
        this.platformKey = platformKey;
    }

    Result verify(byte[] stream, int members, byte[] challenge, List<Scenario.RealmSpec> realms,
                  Function<Scenario.RealmSpec, byte[]> imageParameters) {
        List<byte[]> expectedImages = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        for (Scenario.RealmSpec r : realms) {
            Policy p = expectedPolicy(r, imageParameters.apply(r));
            policies.add(p);
            expectedImages.add(p == null ? null : PolicyImage.encode(p));
        }
        GroupVerifier verifier = new GroupVerifier(platformKey);
        var split = GroupVerifier.GroupStream.split(stream, members);
        List<Integer> order = new ArrayList<>();
        if (split.isPresent()) {
            for (byte[] img : split.get().images()) {
                int match = -1;
                for (int i = 0; i < realms.size() && match < 0; i++) {
                    if (!order.contains(i) && expectedImages.get(i) != null && Arrays.equals(expectedImages.get(i), img)) {
                        match = i;
                    }
                }
                boolean none = isWithoutPolicy(img);
                for (int i = 0; i < realms.size() && match < 0; i++) {
                    if (!order.contains(i) && (!none || expectedImages.get(i) == null)) {
                        match = i; // an image without a policy goes to a realm without one
                    }
                }
                for (int i = 0; i < realms.size() && match < 0; i++) {
                    if (!order.contains(i)) {
                        match = i;
                    }
                }
                if (match >= 0) {
                    order.add(match);
                }
            }
        }
        List<byte[]> rims = referenceRims(realms, imageParameters);
        List<ExpectedMember> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i : order) {
            Scenario.RealmSpec r = realms.get(i);
            expected.add(new ExpectedMember(r.name(), MeasurementValue.of(rims.get(i)), policies.get(i), MeasurementValue.of(new byte[64])));
            names.add(r.name());
        }
        return new Result(verifier.verify(stream, members, challenge, expected), names);
    }

    private static boolean isWithoutPolicy(byte[] image) {
        try {
            return PolicyImage.decode(image).isEmpty();
        } catch (IllegalArgumentException e) {
            return false; // not a descriptor image at all: the verifier will say so
        }
    }

    private static Policy expectedPolicy(Scenario.RealmSpec r, byte[] parameters) {
        String params = RunSession.utf8(parameters);
        for (String line : params.split("\n")) {
            if (line.startsWith("policy=")) {
                try {
                    return PolicyDecoder.decode(java.util.HexFormat.of().parseHex(line.substring(7)));
                } catch (PolicyFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** RIMs of the realms built, exactly as the host builds them, on a fresh reference machine. */
    private List<byte[]> referenceRims(List<Scenario.RealmSpec> realms, Function<Scenario.RealmSpec, byte[]> imageParameters) {
        MicaExtension mica = new MicaExtension();
        RimReader reader = new RimReader();
        Machine m = DefaultPlatform.builder().guestPrograms(new GuestProgramRegistry()).timingProfile(profile)
                .extension(mica).extension(reader).build();
        try {
            RealmHost host = new RealmHost(m.host(0), new GranulePool(RunSession.POOL_BASE, RunSession.POOL_SIZE));
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < realms.size(); i++) {
                Scenario.RealmSpec r = realms.get(i);
                byte[] params = imageParameters.apply(r);
                int descriptor = GuestImage.granules(r.program(), params).length / 4096;
                RealmImage image = new RealmImage(r.program(), params, (int) (r.imageSize() / 4096 - descriptor), r.recs(), 0,
                        null, i + 1);
                HostedRealm built = host.build(image, r.ipaBits(), ScenarioWiring.protectedWindows(scenario, r));
                out.add(reader.rim(built.rd()));
            }
            return out;
        } finally {
            m.close();
        }
    }

    /** Reads RIMs of the reference machine's realms (the tenant's measurement tool). */
    private static final class RimReader implements org.micasim.rmm.RmmExtension {
        private org.micasim.rmm.RmmState rmm;

        @Override
        public void install(org.micasim.rmm.RmmState state) {
            this.rmm = state;
        }

        byte[] rim(long rd) {
            return rmm.rdAt(rd).rim();
        }
    }
}
