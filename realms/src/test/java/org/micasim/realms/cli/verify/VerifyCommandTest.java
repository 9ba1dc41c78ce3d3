package org.micasim.realms.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micasim.realms.cli.MicaMain;
import org.micasim.rmm.attestation.CcaTokenIssuer;
import org.micasim.rmm.attestation.HashAlgorithmId;
import org.micasim.rmm.attestation.Pem;
import org.micasim.rmm.attestation.RealmClaims;
import org.micasim.rmm.attestation.SimulatedPlatform;
import picocli.CommandLine;

/**
 * {@code mica verify} and {@code mica platform-key} end to end on the real simulator: the bundled
 * network-service pipeline is attested once with {@code mica attest}, its RIMs read with {@code mica step}
 * (the reference measurements a tenant would compute), and each test verifies those files or a tampered copy.
 */
class VerifyCommandTest {
    private static final String POLICIES = "/org/micasim/realms/scenarios/policies/";

    @TempDir
    static Path dir;
    private static final Map<String, String> RIMS = new LinkedHashMap<>();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void attestNetworkService() throws IOException {
        StringWriter sink = new StringWriter();
        CommandLine cl = MicaMain.commandLine();
        cl.setOut(new PrintWriter(sink, true));
        cl.setErr(new PrintWriter(sink, true));
        assertEquals(0, cl.execute("attest", "network-service", "-o", dir.toString()), sink.toString());

        Path commands = dir.resolve("rims.commands");
        Files.writeString(commands, "break RSI_UPLOAD_POLICY\ncontinue\nmeasurements rnet\nmeasurements ra\n");
        StringWriter step = new StringWriter();
        CommandLine st = MicaMain.commandLine();
        st.setOut(new PrintWriter(step, true));
        st.setErr(new PrintWriter(step, true));
        assertEquals(0, st.execute("step", "network-service", "--commands", commands.toString()), step.toString());
        Matcher m = Pattern.compile("realm (\\w+) \\(RMI_HASH_SHA_256\\)\\n\\s+RIM\\s+([0-9a-f]{64})").matcher(step.toString());
        while (m.find()) {
            RIMS.put(m.group(1), m.group(2));
        }
        assertEquals(List.of("rnet", "ra"), List.copyOf(RIMS.keySet()), step.toString());

        for (String name : List.of("rnet", "ra")) {
            try (InputStream in = VerifyCommandTest.class.getResourceAsStream(POLICIES + name + ".json")) {
                assertNotNull(in, name + ".json on the classpath");
                Files.write(dir.resolve(name + ".json"), in.readAllBytes());
            }
        }
        Files.writeString(dir.resolve("seed1.pem"), new SimulatedPlatform(1).platformPublicKeyPem());
    }

    private int mica(String... args) {
        CommandLine cl = MicaMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static String p(String file) {
        return dir.resolve(file).toString();
    }

    /**
     * A group verification of the attested files; {@code replace} pairs substitute text in the arguments, and a
     * last odd element is one more argument.
     */
    private int verifyGroup(String... replace) {
        List<String> args = new ArrayList<>(List.of("verify", "--token", p("group-token.cbor"), "--platform-key", p("seed1.pem"),
                "--challenge", p("challenge.bin"), "--policy", p("policy-0-rnet.bin"), "--policy", p("policy-1-ra.bin"),
                // in the pipeline's order, not the discovery order: the verifier matches members by policy
                "--expect", "ra:" + RIMS.get("ra") + ":" + p("ra.json"),
                "--expect", "rnet:" + RIMS.get("rnet") + ":" + p("rnet.json")));
        for (int i = 0; i + 1 < replace.length; i += 2) {
            String from = replace[i];
            String to = replace[i + 1];
            assertTrue(args.stream().anyMatch(a -> a.contains(from)), from);
            args.replaceAll(a -> a.replace(from, to));
        }
        if (replace.length % 2 == 1) {
            args.add(replace[replace.length - 1]);
        }
        return mica(args.toArray(String[]::new));
    }

    private static Path tampered(String file, int offset) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve(file));
        int at = offset < 0 ? b.length + offset : offset;
        b[at] ^= 0x01;
        Path t = Files.createTempFile(dir, "tampered-", "-" + file);
        Files.write(t, b);
        return t;
    }

    private void assertRejected(int rc, String check) {
        assertEquals(1, rc, out + "\n" + err);
        assertTrue(out.toString().contains("rejected: check " + check + " failed: "), out.toString());
        assertTrue(out.toString().matches("(?s).*\\n  " + check + " +FAILED\\n.*"), out.toString());
    }

    @Test
    void attestedGroup_isAccepted_andMembersShowInDiscoveryOrderWithTheirPolicies() {
        assertEquals(0, verifyGroup(), out + "\n" + err);
        String o = out.toString();
        assertTrue(o.endsWith("accepted\n"), o);
        int rnet = o.indexOf("member 0: rnet");
        int ra = o.indexOf("member 1: ra");
        assertTrue(rnet > 0 && ra > rnet, o);
        assertTrue(o.indexOf("\"Self\": \"VM1\"") > rnet && o.indexOf("\"Self\": \"VM2\"") > ra, o);
        assertTrue(o.contains("  RIM_AGGREGATE    ok\n") && o.contains("  POLICY_AGGREGATE ok\n"), o);
        assertTrue(o.contains("  profile                tag:arm.com,2023:realm#1.0.0\n"), o);
        assertEquals("", err.toString());
    }

    @Test
    void expectedPolicyAsPolyBinary_isAccepted() {
        Path bin = dir.resolve("ra.bin");
        assertEquals(0, mica("policy", "compile", p("ra.json"), "-o", bin.toString()), err.toString());
        assertEquals(0, verifyGroup(p("ra.json"), bin.toString()), out + "\n" + err);
    }

    @Test
    void alteredMemberPolicy_failsPolicy() throws IOException {
        // byte 8 is VM record 0's name: the image still decodes, but it is not the policy ra uploaded
        Path altered = tampered("policy-1-ra.bin", 8);
        assertRejected(verifyGroup(p("policy-1-ra.bin"), altered.toString()), "POLICY");
        assertTrue(out.toString().contains("member 1 (ra)"), out.toString());
    }

    @Test
    void expectedPolicyOtherThanUploaded_failsPolicy() throws IOException {
        String source = Files.readString(dir.resolve("ra.json")).replace("\"BLOCK\"", "\"ALLOW\"");
        assertTrue(source.contains("\"ALLOW\""), source);
        Path other = dir.resolve("ra-allow.json");
        Files.writeString(other, source);
        assertRejected(verifyGroup(p("ra.json"), other.toString()), "POLICY");
    }

    @Test
    void flippedTokenByte_failsToken() throws IOException {
        Path flipped = tampered("group-token.cbor", -1);
        assertRejected(verifyGroup(p("group-token.cbor"), flipped.toString()), "TOKEN");
        assertTrue(out.toString().contains("realm token: signature does not verify"), out.toString());
    }

    @Test
    void wrongPlatformKey_failsToken() throws IOException {
        Path other = dir.resolve("seed2.pem");
        assertEquals(0, mica("platform-key", "--seed", "2", "-o", other.toString()), err.toString());
        assertRejected(verifyGroup(p("seed1.pem"), other.toString()), "TOKEN");
        assertTrue(out.toString().contains("platform token: signature does not verify with the platform public key"),
                out.toString());
    }

    @Test
    void wrongExpectedRim_failsRimAggregate() {
        String rim = RIMS.get("rnet");
        String wrong = (rim.charAt(0) == '0' ? "1" : "0") + rim.substring(1);
        assertRejected(verifyGroup("rnet:" + rim + ":" + p("rnet.json"), "rnet:" + wrong + ":" + p("rnet.json")),
                "RIM_AGGREGATE");
    }

    @Test
    void wrongChallenge_failsChallenge() throws IOException {
        Path c = tampered("challenge.bin", 0);
        assertRejected(verifyGroup(p("challenge.bin"), c.toString()), "CHALLENGE");
    }

    @Test
    void missingMember_failsMemberCount() {
        assertRejected(mica("verify", "--token", p("group-token.cbor"), "--platform-key", p("seed1.pem"),
                "--challenge", p("challenge.bin"), "--policy", p("policy-0-rnet.bin"), "--policy", p("policy-1-ra.bin"),
                "--expect", "rnet:" + RIMS.get("rnet") + ":" + p("rnet.json")), "MEMBER_COUNT");
    }

    @Test
    void json_namesTheFailedCheck() throws IOException {
        Path flipped = tampered("group-token.cbor", -1);
        assertEquals(1, verifyGroup(p("group-token.cbor"), flipped.toString(), "--json"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertFalse(j.get("accepted").asBoolean());
        assertEquals("TOKEN", j.get("failedCheck").asText());
        assertEquals("FAILED", j.get("checks").get(1).get("status").asText());
        assertFalse(j.has("token"), "no claims of a token that did not verify");
    }

    @Test
    void json_ofAnAcceptedGroup_carriesClaimsAndMembers() throws IOException {
        assertEquals(0, verifyGroup("--json"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertTrue(j.get("accepted").asBoolean());
        assertEquals("rnet", j.get("members").get(0).get("name").asText());
        assertEquals(RIMS.get("ra"), j.get("members").get(1).get("expectedRim").asText());
        assertTrue(j.get("members").get(1).get("policy").asText().contains("\"CF1\""));
        assertEquals(64 * 2, j.get("token").get("realm").get("challenge").asText().length());
        assertEquals(4, j.get("token").get("platform").get("software components").size());
    }

    @Test
    void singleRealmToken_checksSignatureChallengeAndRim() throws IOException {
        SimulatedPlatform platform = new SimulatedPlatform(5);
        byte[] challenge = new byte[64];
        challenge[0] = 7;
        byte[] rim = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        byte[] zero = new byte[32];
        RealmClaims claims = RealmClaims.of(challenge, new byte[64], rim, List.of(zero, zero, zero, zero),
                HashAlgorithmId.SHA_256, platform.rak());
        byte[] token = new CcaTokenIssuer(platform.rak(), platform.platformToken(platform.rak().publicKeyHash())).issue(claims);
        Path t = dir.resolve("realm-token.cbor");
        Files.write(t, token);
        Path key = dir.resolve("seed5.pem");
        Files.writeString(key, platform.platformPublicKeyPem());
        Path ch = dir.resolve("single-challenge.bin");
        Files.write(ch, challenge);

        assertEquals(0, mica("verify", "--token", t.toString(), "--platform-key", key.toString(), "--challenge", ch.toString(),
                "--expect-rim", HexFormat.of().formatHex(rim)), out + "\n" + err);
        assertTrue(out.toString().contains("  RIM                    " + HexFormat.of().formatHex(rim) + "\n"), out.toString());
        assertTrue(out.toString().endsWith("accepted\n"), out.toString());

        out.getBuffer().setLength(0);
        rim[31] ^= 1;
        assertRejected(mica("verify", "--token", t.toString(), "--platform-key", key.toString(),
                "--expect-rim", HexFormat.of().formatHex(rim)), "RIM");

        out.getBuffer().setLength(0);
        assertRejected(mica("verify", "--token", t.toString(), "--platform-key", p("seed1.pem")), "TOKEN");
    }

    @Test
    void groupToken_verifiesAsAPlainCcaToken() {
        assertEquals(0, mica("verify", "--token", p("group-token.cbor"), "--platform-key", p("seed1.pem"),
                "--challenge", p("challenge.bin")), out + "\n" + err);
        assertTrue(out.toString().contains("  TOKEN            ok\n  CHALLENGE        ok\n  RIM              not checked\n"), out.toString());
    }

    @Test
    void platformKey_isTheKeyOfTheScenarioSeed_andOfTheDefaultPlatform() throws IOException {
        assertEquals(0, mica("platform-key", "--seed", "1"), err.toString());
        assertEquals(Files.readString(dir.resolve("platform-key.pem")), out.toString(), "mica attest's key for seed 1");
        out.getBuffer().setLength(0);
        assertEquals(0, mica("platform-key"), err.toString());
        assertEquals(new SimulatedPlatform(0).platformPublicKeyPem(), out.toString());
    }

    /** The exported key verifies the platform token's COSE_Sign1 with nothing but the JCA and a CBOR decoder. */
    @Test
    void exportedPem_verifiesThePlatformSignatureWithTheJca() throws Exception {
        assertEquals(0, mica("platform-key", "--seed", "1"), err.toString());
        ECPublicKey key = Pem.decodePublicKey(out.toString());

        CBORMapper cbor = new CBORMapper();
        JsonNode outer = cbor.readTree(Files.readAllBytes(dir.resolve("group-token.cbor")));
        byte[] platformToken = outer.get("44234").binaryValue();
        JsonNode sign1 = cbor.readTree(platformToken);
        byte[] protectedHeader = sign1.get(0).binaryValue();
        byte[] payload = sign1.get(2).binaryValue();
        byte[] signature = sign1.get(3).binaryValue();
        byte[] toBeSigned = cbor.writeValueAsBytes(List.of("Signature1", protectedHeader, new byte[0], payload));

        Signature es384 = Signature.getInstance("SHA384withECDSAinP1363Format");
        es384.initVerify(key);
        es384.update(toBeSigned);
        assertTrue(es384.verify(signature), "ES384 over the Sig_structure");

        es384.initVerify(new SimulatedPlatform(2).platformPublicKey());
        es384.update(toBeSigned);
        assertFalse(es384.verify(signature), "another seed's key must not verify");
    }

    @Test
    void badInput_exits2WithAMessageAndNoStackTrace() throws IOException {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a key\n", StandardCharsets.US_ASCII);
        Path shortPolicy = dir.resolve("short.bin");
        Files.write(shortPolicy, new byte[10]);
        Path badSource = dir.resolve("bad.json");
        Files.writeString(badSource, "{ \"Self\": ");
        String[][] cases = {
            {"missing token", "--token " + p("nope.cbor") + " --platform-key " + p("seed1.pem"), "--token " + p("nope.cbor") + ": cannot read file: no such file"},
            {"malformed pem", "--token " + p("group-token.cbor") + " --platform-key " + garbage, "--platform-key " + garbage + ": not a PEM public key"},
            {"no token flag", "--platform-key " + p("seed1.pem"), "Missing required option: '--token=FILE'"},
            {"bad rim hex", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --expect-rim xyz", "--expect-rim: 'xyz' is not hex"},
            {"short challenge", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --challenge " + shortPolicy, "a challenge has 64 bytes, the file has 10"},
            {"group without challenge", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --policy " + p("policy-0-rnet.bin") + " --expect rnet:00:" + p("rnet.json"), "needs the challenge"},
            {"short image", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --challenge " + p("challenge.bin") + " --policy " + shortPolicy + " --expect rnet:00:" + p("rnet.json"), "a streamed policy image has 2696 bytes, the file has 10"},
            {"bad --expect", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --challenge " + p("challenge.bin") + " --policy " + p("policy-0-rnet.bin") + " --expect rnet", "--expect rnet: expected NAME:RIM_HEX:POLICY_FILE"},
            {"source with errors", "--token " + p("group-token.cbor") + " --platform-key " + p("seed1.pem") + " --challenge " + p("challenge.bin") + " --policy " + p("policy-0-rnet.bin") + " --expect rnet:00:" + badSource, "--expect rnet: the policy source does not compile: " + badSource},
        };
        for (String[] c : cases) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of("verify"));
            args.addAll(List.of(c[1].split(" ")));
            assertEquals(2, mica(args.toArray(String[]::new)), c[0] + ": " + out + err);
            assertTrue(err.toString().contains(c[2]), c[0] + ": " + err);
            assertFalse(err.toString().contains("\tat "), c[0] + ": no stack trace: " + err);
        }
    }
}
