package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a CCA platform token (draft-ffm-rats-cca-token; profile
 * "tag:arm.com,2023:cca_platform#1.0.0", legacy "http://arm.com/CCA-SSD/1.0.0"). The RMM only forwards the
 * platform token; these claims are produced by {@link SimulatedPlatform} and read by the verifier.
 *
 * @param profile claim 265
 * @param challenge claim 10: the hash of the RAK public key (32, 48 or 64 bytes)
 * @param implementationId claim 2396: 32 bytes
 * @param instanceId claim 256 (UEID): 33 bytes, first byte 0x01 (RAND type)
 * @param config claim 2401
 * @param lifecycle claim 2395: the high byte is the security lifecycle state, e.g. 0x30 = secured
 * @param softwareComponents claim 2399, at least one
 * @param verificationService claim 2400 (optional)
 * @param hashAlgorithm claim 2402: algorithm of the platform's own hashes
 */
public record PlatformClaims(String profile, byte[] challenge, byte[] implementationId, byte[] instanceId,
        byte[] config, int lifecycle, List<SoftwareComponent> softwareComponents,
        Optional<String> verificationService, String hashAlgorithm) {

    /** The CCA platform profile. */
    public static final String PROFILE = "tag:arm.com,2023:cca_platform#1.0.0";
    /** Lifecycle "secured" (0x3000): production state, debug closed. */
    public static final int LIFECYCLE_SECURED = 0x3000;

    private static final int KEY_PROFILE = 265;
    private static final int KEY_CHALLENGE = 10;
    private static final int KEY_IMPLEMENTATION_ID = 2396;
    private static final int KEY_INSTANCE_ID = 256;
    private static final int KEY_CONFIG = 2401;
    private static final int KEY_LIFECYCLE = 2395;
    private static final int KEY_HASH_ALGO = 2402;
    private static final int KEY_VERIFICATION_SERVICE = 2400;
    private static final int KEY_SW_COMPONENTS = 2399;

    /** Checks the shapes the platform profile prescribes; a violation is an {@link IllegalArgumentException}. */
    public PlatformClaims {
        Objects.requireNonNull(profile, "profile");
        if (challenge.length != 32 && challenge.length != 48 && challenge.length != 64) {
            throw new IllegalArgumentException("platform challenge must be 32, 48 or 64 bytes, got " + challenge.length);
        }
        challenge = challenge.clone();
        if (implementationId.length != 32) {
            throw new IllegalArgumentException("implementation id must be 32 bytes, got " + implementationId.length);
        }
        implementationId = implementationId.clone();
        if (instanceId.length != 33 || instanceId[0] != 0x01) {
            throw new IllegalArgumentException("instance id must be 33 bytes starting with 0x01");
        }
        instanceId = instanceId.clone();
        config = config.clone();
        if (lifecycle < 0 || lifecycle > 0xFFFF) {
            throw new IllegalArgumentException("lifecycle must fit in 16 bits, got " + lifecycle);
        }
        if (softwareComponents.isEmpty()) {
            throw new IllegalArgumentException("at least one software component is required");
        }
        softwareComponents = List.copyOf(softwareComponents);
        Objects.requireNonNull(verificationService, "verificationService");
        HashAlgorithmId.fromClaimName(hashAlgorithm)
                .orElseThrow(() -> new IllegalArgumentException("unknown platform hash algorithm " + hashAlgorithm));
    }

    /** The security lifecycle state: the high byte of the lifecycle claim (0x30 = secured). */
    public int lifecycleState() {
        return lifecycle >>> 8;
    }

    /** The claims map in the order of TF-M's example tokens: 265, 10, 2396, 256, 2401, 2395, 2402, 2400, 2399. */
    byte[] encode() {
        return Cbor.encode(g -> {
            g.writeStartObject(null, verificationService.isPresent() ? 9 : 8);
            g.writeFieldId(KEY_PROFILE);
            g.writeString(profile);
            g.writeFieldId(KEY_CHALLENGE);
            g.writeBinary(challenge);
            g.writeFieldId(KEY_IMPLEMENTATION_ID);
            g.writeBinary(implementationId);
            g.writeFieldId(KEY_INSTANCE_ID);
            g.writeBinary(instanceId);
            g.writeFieldId(KEY_CONFIG);
            g.writeBinary(config);
            g.writeFieldId(KEY_LIFECYCLE);
            g.writeNumber(lifecycle);
            g.writeFieldId(KEY_HASH_ALGO);
            g.writeString(hashAlgorithm);
            if (verificationService.isPresent()) {
                g.writeFieldId(KEY_VERIFICATION_SERVICE);
                g.writeString(verificationService.get());
            }
            g.writeFieldId(KEY_SW_COMPONENTS);
            g.writeStartArray(null, softwareComponents.size());
            for (SoftwareComponent c : softwareComponents) {
                c.write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Decodes a platform claims map; unknown claims are ignored. */
    static PlatformClaims decode(JsonNode node) throws CcaTokenException {
        ClaimMap m = ClaimMap.of("platform token", node);
        List<SoftwareComponent> components = new ArrayList<>();
        for (JsonNode c : m.array(KEY_SW_COMPONENTS, "software components")) {
            components.add(SoftwareComponent.decode(c, components.size()));
        }
        long lifecycle = m.integer(KEY_LIFECYCLE, "security lifecycle");
        if (lifecycle < 0 || lifecycle > 0xFFFF) {
            throw m.invalid(KEY_LIFECYCLE, "security lifecycle", "must fit in 16 bits");
        }
        try {
            return new PlatformClaims(m.text(KEY_PROFILE, "profile"), m.bytes(KEY_CHALLENGE, "challenge"),
                    m.bytes(KEY_IMPLEMENTATION_ID, "implementation id"), m.bytes(KEY_INSTANCE_ID, "instance id"),
                    m.bytes(KEY_CONFIG, "platform config"), (int) lifecycle, components,
                    m.optionalText(KEY_VERIFICATION_SERVICE, "verification service"),
                    m.text(KEY_HASH_ALGO, "hash algorithm id"));
        } catch (IllegalArgumentException e) {
            throw new CcaTokenException("platform token: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] implementationId() {
        return implementationId.clone();
    }

    @Override
    public byte[] instanceId() {
        return instanceId.clone();
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlatformClaims p && profile.equals(p.profile) && Arrays.equals(challenge, p.challenge)
                && Arrays.equals(implementationId, p.implementationId) && Arrays.equals(instanceId, p.instanceId)
                && Arrays.equals(config, p.config) && lifecycle == p.lifecycle
                && softwareComponents.equals(p.softwareComponents) && verificationService.equals(p.verificationService)
                && hashAlgorithm.equals(p.hashAlgorithm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(challenge), Arrays.hashCode(instanceId), lifecycle,
                softwareComponents);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PlatformClaims[profile=" + profile + ", challenge=" + hex.formatHex(challenge) + ", implementationId="
                + hex.formatHex(implementationId) + ", instanceId=" + hex.formatHex(instanceId) + ", config="
                + hex.formatHex(config) + ", lifecycle=0x" + Integer.toHexString(lifecycle) + ", softwareComponents="
                + softwareComponents + ", verificationService=" + verificationService.orElse("(none)")
                + ", hashAlgorithm=" + hashAlgorithm + "]";
    }
}
