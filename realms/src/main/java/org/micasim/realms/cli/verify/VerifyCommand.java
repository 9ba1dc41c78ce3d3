package org.micasim.realms.cli.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.micasim.rmm.attestation.CcaTokenException;
import org.micasim.rmm.attestation.CcaTokenVerifier;
import org.micasim.rmm.attestation.VerifiedCcaToken;
import org.micasim.rmm.mica.ExpectedMember;
import org.micasim.rmm.mica.GroupVerification;
import org.micasim.rmm.mica.GroupVerifier;
import org.micasim.rmm.mica.MeasurementValue;
import org.micasim.rmm.mica.PolicyImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mica verify}: the relying party. For a group token it hands the token, the streamed policies, the
 * challenge and the tenant's expected members to the RMM team's {@link GroupVerifier}; for a single realm's
 * token it runs the {@link CcaTokenVerifier} and compares the challenge and RIM. It prints the claims and, for
 * a group, each member in discovery order with its streamed policy decompiled.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify a CCA token or a Mica group token as a relying party.",
            "A group token (--policy or --expect given) is checked against the streamed policies, the challenge and"
                + " the tenant's expected members: token signatures and binding, challenge, member count, each"
                + " streamed policy, and the RIM, REM[0] and RPV aggregates. A single realm's token is checked for"
                + " its signatures and binding, and against --challenge and --expect-rim when given.",
            "Exit status: 0 every check holds, 1 a check fails (named), 2 bad input."
        },
        footer = {"", "Examples:",
            "  mica verify --token t/group-token.cbor --platform-key key.pem \\",
            "      --challenge t/challenge.bin \\",
            "      --policy t/policy-0-rnet.bin --policy t/policy-1-ra.bin \\",
            "      --expect rnet:RIM_HEX:rnet.json --expect ra:RIM_HEX:ra.bin",
            "  mica verify --token realm.cbor --platform-key key.pem --expect-rim HEX"})
public final class VerifyCommand implements Callable<Integer> {
    /** The checks of a single realm's token, in order. */
    static final List<String> TOKEN_CHECKS = List.of("TOKEN", "CHALLENGE", "RIM");

    @Option(names = "--token", required = true, paramLabel = "FILE", description = "The CCA token (group-token.cbor for a group).")
    private Path token;

    @Option(names = "--platform-key", required = true, paramLabel = "PEM",
            description = "The platform public key (see 'mica platform-key').")
    private Path platformKey;

    @Option(names = "--challenge", paramLabel = "FILE", description = "The 64-byte challenge sent (required for a group).")
    private Path challenge;

    @Option(names = "--expect-rim", paramLabel = "HEX", description = "The expected RIM of a single realm's token.")
    private String expectRim;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A streamed policy image, in stream order (repeat for each member, as 'mica attest' writes them).")
    private List<Path> policies = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "NAME:RIM:POLICY",
            description = "An expected group member: a name, its RIM in hex, and its policy (POLY v1 binary or policy"
                    + " source). Repeat for each member, in any order.")
    private List<String> expected = new ArrayList<>();

    @Option(names = "--expect-rpv", paramLabel = "NAME:HEX",
            description = "The expected RPV of member NAME (default: zero).")
    private List<String> expectedRpvs = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Report report;
        try {
            report = group() ? verifyGroup() : verifySingle();
        } catch (BadInputException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mica verify: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.verdict().accepted() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private boolean group() {
        return !policies.isEmpty() || !expected.isEmpty() || !expectedRpvs.isEmpty();
    }

    // ---------------------------------------------------------------- single realm

    private Report verifySingle() throws BadInputException {
        byte[] tokenBytes = VerifyInputs.bytes(token, "--token");
        ECPublicKey key = VerifyInputs.platformKey(platformKey);
        byte[] sent = challenge == null ? null : VerifyInputs.challenge(challenge);
        byte[] rim = expectRim == null ? null : VerifyInputs.hex(expectRim, MeasurementValue.SIZE, "--expect-rim");
        VerifiedCcaToken t;
        try {
            t = new CcaTokenVerifier(key).verify(tokenBytes);
        } catch (CcaTokenException e) {
            return new Report(null, new Verdict(TOKEN_CHECKS, "TOKEN", e.getMessage()), List.of());
        }
        Verdict v = Verdict.accepted(TOKEN_CHECKS);
        if (sent != null && !Arrays.equals(sent, t.realm().challenge())) {
            v = new Verdict(TOKEN_CHECKS, "CHALLENGE", "the token answers another challenge");
        } else if (rim != null && !Arrays.equals(rim, t.realm().initialMeasurement())) {
            v = new Verdict(TOKEN_CHECKS, "RIM", "expected " + HexFormat.of().formatHex(rim) + ", token has "
                    + HexFormat.of().formatHex(t.realm().initialMeasurement()));
        }
        List<String> unchecked = new ArrayList<>();
        if (sent == null) {
            unchecked.add("CHALLENGE");
        }
        if (rim == null) {
            unchecked.add("RIM");
        }
        return new Report(t, v.without(unchecked), List.of());
    }

    // ---------------------------------------------------------------- group

    /** One expected member as the tenant states it. */
    private record Expectation(String name, byte[] rim, byte[] rpv, ExpectedMember member, byte[] image) {
    }

    private Report verifyGroup() throws BadInputException {
        if (expectRim != null) {
            throw new BadInputException("--expect-rim is for a single realm's token; give a group member's RIM in --expect");
        }
        if (policies.isEmpty()) {
            throw new BadInputException("a group token needs the streamed policies (--policy FILE, one per member)");
        }
        if (expected.isEmpty()) {
            throw new BadInputException("a group token needs the expected members (--expect NAME:RIM:POLICY)");
        }
        if (challenge == null) {
            throw new BadInputException("a group token needs the challenge that was sent (--challenge FILE)");
        }
        byte[] tokenBytes = VerifyInputs.bytes(token, "--token");
        ECPublicKey key = VerifyInputs.platformKey(platformKey);
        byte[] sent = VerifyInputs.challenge(challenge);
        List<byte[]> images = new ArrayList<>();
        for (Path p : policies) {
            byte[] img = VerifyInputs.bytes(p, "--policy");
            if (img.length != PolicyImage.SIZE) {
                throw new BadInputException("--policy " + p + ": a streamed policy image has " + PolicyImage.SIZE
                        + " bytes, the file has " + img.length);
            }
            images.add(img);
        }
        List<Expectation> tenant = expectations();
        List<Expectation> left = new ArrayList<>();
        List<Expectation> ordered = inStreamOrder(images, tenant, left);
        // more images than expected members leave gaps, more members than images are left over: either way the
        // list's length differs from the stream's and the verifier names MEMBER_COUNT
        List<ExpectedMember> expectedMembers = new ArrayList<>();
        ordered.stream().filter(e -> e != null).forEach(e -> expectedMembers.add(e.member()));
        left.forEach(e -> expectedMembers.add(e.member()));

        GroupVerification g = new GroupVerifier(key).verify(new GroupVerifier.GroupStream(tokenBytes, images), sent,
                expectedMembers);
        List<String> checks = Arrays.stream(GroupVerification.Check.values())
                .filter(c -> c != GroupVerification.Check.NONE).map(Enum::name).toList();
        Verdict v = g.accepted() ? Verdict.accepted(checks) : new Verdict(checks, g.failed().name(), g.detail());
        VerifiedCcaToken t = null;
        if (g.failed() != GroupVerification.Check.TOKEN) {
            try {
                t = new CcaTokenVerifier(key).verify(tokenBytes);
            } catch (CcaTokenException e) {
                throw new IllegalStateException("the group verifier accepted a token the CCA verifier rejects", e);
            }
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Expectation e = ordered.get(i);
            members.add(new Member(i, e == null ? null : e.name(), e == null ? null : e.rim(), e == null ? null : e.rpv(),
                    e != null && Arrays.equals(e.image(), images.get(i)), images.get(i)));
        }
        return new Report(t, v, members);
    }

    private List<Expectation> expectations() throws BadInputException {
        Map<String, byte[]> rpvs = new LinkedHashMap<>();
        for (String r : expectedRpvs) {
            String[] parts = r.split(":", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new BadInputException("--expect-rpv " + r + ": expected NAME:HEX");
            }
            rpvs.put(parts[0], VerifyInputs.hex(parts[1], MeasurementValue.SIZE, "--expect-rpv " + parts[0]));
        }
        List<Expectation> out = new ArrayList<>();
        for (String e : expected) {
            String[] parts = e.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                throw new BadInputException("--expect " + e + ": expected NAME:RIM_HEX:POLICY_FILE");
            }
            String name = parts[0];
            if (out.stream().anyMatch(x -> x.name().equals(name))) {
                throw new BadInputException("--expect " + e + ": member " + name + " is expected twice");
            }
            byte[] rim = VerifyInputs.hex(parts[1], MeasurementValue.SIZE, "--expect " + name + " RIM");
            byte[] rpv = rpvs.getOrDefault(name, new byte[MeasurementValue.SIZE]);
            var policy = TenantPolicy.load(Path.of(parts[2]), "--expect " + name);
            ExpectedMember m = new ExpectedMember(name, MeasurementValue.of(rim), policy, MeasurementValue.of(rpv));
            byte[] image;
            try {
                image = PolicyImage.encode(policy);
            } catch (IllegalArgumentException x) {
                throw new BadInputException("--expect " + name + ": " + x.getMessage());
            }
            out.add(new Expectation(name, rim, rpv, m, image));
        }
        for (String name : rpvs.keySet()) {
            if (out.stream().noneMatch(x -> x.name().equals(name))) {
                throw new BadInputException("--expect-rpv " + name + ": no member " + name + " is expected (--expect)");
            }
        }
        return out;
    }

    /**
     * The expected member at each position of the stream (null where none is left). The tenant knows its
     * pipeline, not the order in which the RMM discovered it, so each streamed image takes the expected member
     * whose policy it is; an image that no expected member matches takes the next unmatched member (the verifier
     * then names the POLICY check). A wrong order cannot pass: the aggregates are order-sensitive.
     */
    private static List<Expectation> inStreamOrder(List<byte[]> images, List<Expectation> tenant, List<Expectation> left) {
        left.addAll(tenant);
        List<Expectation> ordered = new ArrayList<>();
        for (byte[] img : images) {
            Optional<Expectation> match = left.stream().filter(e -> Arrays.equals(e.image(), img)).findFirst();
            match.ifPresent(left::remove);
            ordered.add(match.orElse(null));
        }
        for (int i = 0; i < ordered.size() && !left.isEmpty(); i++) {
            if (ordered.get(i) == null) {
                ordered.set(i, left.remove(0));
            }
        }
        return ordered;
    }

    // ---------------------------------------------------------------- report

    /** A streamed member: its position, the expected member it was matched with (or none), and its image. */
    private record Member(int index, String name, byte[] rim, byte[] rpv, boolean policyAsExpected, byte[] image) {
    }

    /** What was verified and the verdict; {@code token} is null when the token itself did not verify. */
    private record Report(VerifiedCcaToken token, Verdict verdict, List<Member> members) {
        String text() {
            StringBuilder out = new StringBuilder();
            if (token != null) {
                TokenReport.text(out, token);
            }
            if (!members.isEmpty()) {
                out.append("group members (discovery order, the attesting realm first)\n");
                for (Member m : members) {
                    out.append("  member ").append(m.index()).append(": ")
                            .append(m.name() == null ? "(no expected member left)" : m.name()).append('\n');
                    Map<String, String> values = new LinkedHashMap<>();
                    if (m.name() != null) {
                        values.put("expected RIM", HexFormat.of().formatHex(m.rim()));
                        values.put("expected RPV", HexFormat.of().formatHex(m.rpv()));
                    }
                    values.put("policy", m.policyAsExpected() ? "as expected" : "differs from the expected one");
                    TokenReport.print(out, "    ", values);
                    out.append("    streamed policy:\n");
                    for (String line : DescriptorSource.of(m.image()).split("\n")) {
                        out.append(line.isEmpty() ? "" : "      ").append(line).append('\n');
                    }
                    List<Optional<String>> rims = DescriptorSource.expectedRims(m.image());
                    for (int v = 0; v < rims.size(); v++) {
                        final int vm = v;
                        rims.get(v).ifPresent(r -> out.append("      VM ").append(vm).append(" must have RIM ").append(r).append('\n'));
                    }
                }
            }
            out.append("checks\n");
            for (int i = 0; i < verdict.checks().size(); i++) {
                out.append("  ").append(String.format("%-17s", verdict.checks().get(i))).append(verdict.status(i)).append('\n');
            }
            out.append(verdict.accepted() ? "accepted\n"
                    : "rejected: check " + verdict.failed() + " failed: " + verdict.detail() + "\n");
            return out.toString();
        }

        String json() {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = mapper.createObjectNode();
            o.put("accepted", verdict.accepted());
            if (verdict.accepted()) {
                o.putNull("failedCheck");
            } else {
                o.put("failedCheck", verdict.failed());
            }
            o.put("detail", verdict.detail());
            ArrayNode checks = o.putArray("checks");
            for (int i = 0; i < verdict.checks().size(); i++) {
                checks.addObject().put("check", verdict.checks().get(i)).put("status", verdict.status(i));
            }
            if (token != null) {
                o.set("token", TokenReport.json(token));
            }
            if (!members.isEmpty()) {
                ArrayNode ms = o.putArray("members");
                for (Member m : members) {
                    ObjectNode j = ms.addObject();
                    j.put("index", m.index());
                    j.put("name", m.name());
                    j.put("expectedRim", m.rim() == null ? null : HexFormat.of().formatHex(m.rim()));
                    j.put("expectedRpv", m.rpv() == null ? null : HexFormat.of().formatHex(m.rpv()));
                    j.put("policyAsExpected", m.policyAsExpected());
                    j.put("policy", DescriptorSource.of(m.image()));
                }
            }
            try {
                return mapper.writeValueAsString(o) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree of strings always serialises", e);
            }
        }
    }
}
