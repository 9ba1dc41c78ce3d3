package org.micasim.realms.scenario;

import java.util.ArrayList;
import java.util.List;
import org.micasim.realms.workload.TransportMode;
import org.micasim.realms.workload.WorkloadCatalog;
import org.micasim.rmm.mica.GroupVerifier;

/** Runs a scenario's setup phase and group attestation only, and hands back what a relying party receives. */
public final class GroupAttestation {
    private GroupAttestation() {
    }

    /**
     * What {@code mica attest} writes: the token, the policy images in stream order with the realm each
     * belongs to, the challenge, the platform key, and the verifier's verdict. {@code token} is null if
     * no group stream was produced.
     */
    public record Files(byte[] token, List<byte[]> images, List<String> members, byte[] challenge, String platformKeyPem,
                        String summary, boolean accepted) {
    }

    /** Attests {@code s} (which must run in Mica mode). */
    @SuppressWarnings("unchecked")
    public static Files attest(Scenario s, WorkloadCatalog catalog) throws ScenarioException {
        if (s.mode() != TransportMode.MICA) {
            throw new ScenarioException(s.source() + ": mode: group attestation needs mode mica, not " + s.mode().label());
        }
        RunSession session = new ScenarioRunner(catalog).session(s, ScenarioRunner.profile(s)).stopAfterAttestation();
        RunReport report = session.run();
        String summary = String.valueOf(report.values().get("attestation"));
        byte[] stream = session.groupStream();
        if (stream == null) {
            List<Object> problems = (List<Object>) report.values().get("problems");
            return new Files(null, List.of(), List.of(), session.challenge(), session.platformKeyPem(),
                    summary + (problems.isEmpty() ? "" : "; " + problems.get(0)), false);
        }
        var split = GroupVerifier.GroupStream.split(stream, session.groupMembers()).orElseThrow(
                () -> new IllegalStateException("the group stream does not split"));
        List<String> members = new ArrayList<>(session.groupMemberNames());
        while (members.size() < split.images().size()) {
            members.add("member" + members.size());
        }
        return new Files(split.token(), split.images(), members, session.challenge(), session.platformKeyPem(), summary,
                summary.startsWith("group token accepted"));
    }

}
