package org.micasim.realms.cli.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.micasim.rmm.attestation.PlatformClaims;
import org.micasim.rmm.attestation.RealmClaims;
import org.micasim.rmm.attestation.SoftwareComponent;
import org.micasim.rmm.attestation.VerifiedCcaToken;

/** The claims of a verified CCA token as labelled values, in the order the report prints them, byte strings in hex. */
final class TokenReport {
    private static final HexFormat HEX = HexFormat.of();

    private TokenReport() {
    }

    static Map<String, String> platform(PlatformClaims p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("profile", p.profile());
        m.put("challenge", HEX.formatHex(p.challenge()));
        m.put("implementation id", HEX.formatHex(p.implementationId()));
        m.put("instance id", HEX.formatHex(p.instanceId()));
        m.put("config", HEX.formatHex(p.config()));
        m.put("lifecycle", String.format("0x%04x", p.lifecycle()));
        m.put("hash algorithm", p.hashAlgorithm());
        p.verificationService().ifPresent(v -> m.put("verification service", v));
        return m;
    }

    static Map<String, String> component(SoftwareComponent c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.type().ifPresent(t -> m.put("type", t));
        c.version().ifPresent(v -> m.put("version", v));
        m.put("measurement", HEX.formatHex(c.measurement()));
        m.put("signer id", HEX.formatHex(c.signerId()));
        c.hashAlgorithm().ifPresent(h -> m.put("hash algorithm", h));
        return m;
    }

    static Map<String, String> realm(RealmClaims r) {
        Map<String, String> m = new LinkedHashMap<>();
        r.profile().ifPresent(p -> m.put("profile", p));
        m.put("challenge", HEX.formatHex(r.challenge()));
        m.put("personalization value", HEX.formatHex(r.personalizationValue()));
        m.put("hash algorithm", r.hashAlgorithm());
        m.put("RIM", HEX.formatHex(r.initialMeasurement()));
        List<byte[]> rems = r.extensibleMeasurements();
        for (int i = 0; i < rems.size(); i++) {
            m.put("REM[" + i + "]", HEX.formatHex(rems.get(i)));
        }
        m.put("RAK", HEX.formatHex(r.rakPublicKey()));
        m.put("RAK hash algorithm", r.rakHashAlgorithm());
        r.realmInstanceId().ifPresent(id -> m.put("instance id", HEX.formatHex(id)));
        r.mecPolicy().ifPresent(p -> m.put("MEC policy", Long.toString(p)));
        return m;
    }

    /** The two claim sets as JSON: {"format", "platform": {..., "software components": [...]}, "realm": {...}}. */
    static ObjectNode json(VerifiedCcaToken t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("format", "tag " + t.format().tag());
        ObjectNode platform = object(platform(t.platform()));
        ArrayNode components = platform.putArray("software components");
        for (SoftwareComponent c : t.platform().softwareComponents()) {
            components.add(object(component(c)));
        }
        out.set("platform", platform);
        out.set("realm", object(realm(t.realm())));
        return out;
    }

    static ObjectNode object(Map<String, String> values) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        values.forEach(o::put);
        return o;
    }

    /** Prints a section of labelled values, labels aligned. */
    static void print(StringBuilder out, String indent, Map<String, String> values) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        values.forEach((k, v) -> out.append(indent).append(k).append(" ".repeat(width - k.length() + 2)).append(v).append('\n'));
    }

    /** The claims as text: platform, its software components, realm. */
    static void text(StringBuilder out, VerifiedCcaToken t) {
        out.append("platform token (CCA token tag ").append(t.format().tag()).append(")\n");
        print(out, "  ", platform(t.platform()));
        List<SoftwareComponent> cs = t.platform().softwareComponents();
        for (int i = 0; i < cs.size(); i++) {
            out.append("  software component ").append(i).append('\n');
            print(out, "    ", component(cs.get(i)));
        }
        out.append("realm token\n");
        print(out, "  ", realm(t.realm()));
    }
}
