package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a realm token (RMM 1.0 A7.2.3.1; profile "tag:arm.com,2023:realm#1.0.0"), in the order of
 * the spec's claim table. Byte arrays are copied in and out.
 *
 * <p>A decoded token may also be a realm profile 2.0 token (TF-M's examples): it carries the realm instance
 * id (claim 256) and the MEC policy (claim 44243), which RMM 1.0 does not define; they are empty otherwise.
 * A legacy token has no profile claim.
 *
 * @param challenge claim 10: the 64-byte challenge the realm passed to RSI_ATTESTATION_TOKEN_INIT
 * @param personalizationValue claim 44235: the 64-byte RPV from RmiRealmParams
 * @param initialMeasurement claim 44238: the RIM, digest size of {@code hashAlgorithm}
 * @param extensibleMeasurements claim 44239: exactly 4 REMs, each of digest size
 * @param hashAlgorithm claim 44236: the realm's measurement algorithm, "sha-256" or "sha-512"
 * @param rakPublicKey claim 44237: the RAK as a COSE_Key (or, in legacy tokens, a 97-byte SEC1 point)
 * @param rakHashAlgorithm claim 44240: the algorithm of the platform challenge over {@code rakPublicKey}
 * @param profile claim 265, absent only in legacy tokens
 * @param realmInstanceId claim 256 (realm profile 2.0 only)
 * @param mecPolicy claim 44243 (realm profile 2.0 only)
 */
public record RealmClaims(byte[] challenge, byte[] personalizationValue, byte[] initialMeasurement,
        List<byte[]> extensibleMeasurements, String hashAlgorithm, byte[] rakPublicKey, String rakHashAlgorithm,
        Optional<String> profile, Optional<byte[]> realmInstanceId, Optional<Long> mecPolicy) {

    /** The realm profile of RMM 1.0 (TF-RMM {@code CCA_REALM_PROFILE_STR}). */
    public static final String PROFILE_1_0 = "tag:arm.com,2023:realm#1.0.0";
    /** Size of the challenge and of the RPV. */
    public static final int CHALLENGE_SIZE = 64;
    /** Size of the personalization value. */
    public static final int RPV_SIZE = 64;
    /** Number of REMs. */
    public static final int REM_COUNT = 4;

    static final int KEY_CHALLENGE = 10;
    static final int KEY_PROFILE = 265;
    static final int KEY_INSTANCE_ID = 256;
    static final int KEY_RPV = 44235;
    static final int KEY_HASH_ALGO = 44236;
    static final int KEY_PUBLIC_KEY = 44237;
    static final int KEY_RIM = 44238;
    static final int KEY_REMS = 44239;
    static final int KEY_PUBLIC_KEY_HASH_ALGO = 44240;
    static final int KEY_MEC_POLICY = 44243;

    /** Checks the shapes A7.2.3.1 prescribes; a violation is an {@link IllegalArgumentException}. */
    public RealmClaims {
        challenge = exactly(challenge, CHALLENGE_SIZE, "challenge");
        personalizationValue = exactly(personalizationValue, RPV_SIZE, "personalization value");
        HashAlgorithmId algo = HashAlgorithmId.fromClaimName(hashAlgorithm)
                .filter(a -> a != HashAlgorithmId.SHA_384)
                .orElseThrow(() -> new IllegalArgumentException(
                        "realm hash algorithm must be sha-256 or sha-512, got " + hashAlgorithm));
        initialMeasurement = exactly(initialMeasurement, algo.digestSize(), "initial measurement");
        if (extensibleMeasurements.size() != REM_COUNT) {
            throw new IllegalArgumentException("there are exactly 4 extensible measurements, got "
                    + extensibleMeasurements.size());
        }
        List<byte[]> rems = new ArrayList<>(REM_COUNT);
        for (int i = 0; i < REM_COUNT; i++) {
            rems.add(exactly(extensibleMeasurements.get(i), algo.digestSize(), "extensible measurement " + i));
        }
        extensibleMeasurements = List.copyOf(rems);
        if (rakPublicKey.length == 0) {
            throw new IllegalArgumentException("RAK public key is empty");
        }
        rakPublicKey = rakPublicKey.clone();
        HashAlgorithmId.fromClaimName(rakHashAlgorithm).orElseThrow(() -> new IllegalArgumentException(
                "unknown public key hash algorithm " + rakHashAlgorithm));
        Objects.requireNonNull(profile, "profile");
        realmInstanceId = realmInstanceId.map(byte[]::clone);
        Objects.requireNonNull(mecPolicy, "mecPolicy");
    }

    /** The RMM 1.0 claims: profile {@link #PROFILE_1_0}, no profile 2.0 claims. */
    public RealmClaims(byte[] challenge, byte[] personalizationValue, byte[] initialMeasurement,
            List<byte[]> extensibleMeasurements, String hashAlgorithm, byte[] rakPublicKey, String rakHashAlgorithm,
            String profile) {
        this(challenge, personalizationValue, initialMeasurement, extensibleMeasurements, hashAlgorithm,
                rakPublicKey, rakHashAlgorithm, Optional.of(profile), Optional.empty(), Optional.empty());
    }

    /**
     * The claims TF-RMM puts in a realm token: those of the realm, the RAK as a COSE_Key, "sha-256" for the
     * public key hash and the RMM 1.0 profile.
     */
    public static RealmClaims of(byte[] challenge, byte[] personalizationValue, byte[] initialMeasurement,
            List<byte[]> extensibleMeasurements, HashAlgorithmId hashAlgorithm, RealmAttestationKey rak) {
        return new RealmClaims(challenge, personalizationValue, initialMeasurement, extensibleMeasurements,
                hashAlgorithm.claimName(), rak.coseKey(), RealmAttestationKey.PUBLIC_KEY_HASH_ALGORITHM.claimName(),
                PROFILE_1_0);
    }

    /** The measurement algorithm. */
    public HashAlgorithmId measurementAlgorithm() {
        return HashAlgorithmId.fromClaimName(hashAlgorithm).orElseThrow();
    }

    /** The algorithm of the platform challenge over the RAK. */
    public HashAlgorithmId publicKeyHashAlgorithm() {
        return HashAlgorithmId.fromClaimName(rakHashAlgorithm).orElseThrow();
    }

    /**
     * The claims map in TF-RMM's order (10, 44235, 44237, 44236, 44240, 265, 44238, 44239), then the profile
     * 2.0 claims 256 and 44243 when present.
     */
    byte[] encode() {
        int size = 7 + (profile.isPresent() ? 1 : 0) + (realmInstanceId.isPresent() ? 1 : 0)
                + (mecPolicy.isPresent() ? 1 : 0);
        return Cbor.encode(g -> {
            g.writeStartObject(null, size);
            g.writeFieldId(KEY_CHALLENGE);
            g.writeBinary(challenge);
            g.writeFieldId(KEY_RPV);
            g.writeBinary(personalizationValue);
            g.writeFieldId(KEY_PUBLIC_KEY);
            g.writeBinary(rakPublicKey);
            g.writeFieldId(KEY_HASH_ALGO);
            g.writeString(hashAlgorithm);
            g.writeFieldId(KEY_PUBLIC_KEY_HASH_ALGO);
            g.writeString(rakHashAlgorithm);
            if (profile.isPresent()) {
                g.writeFieldId(KEY_PROFILE);
                g.writeString(profile.get());
            }
            g.writeFieldId(KEY_RIM);
            g.writeBinary(initialMeasurement);
            g.writeFieldId(KEY_REMS);
            g.writeStartArray(null, REM_COUNT);
            for (byte[] rem : extensibleMeasurements) {
                g.writeBinary(rem);
            }
            g.writeEndArray();
            if (realmInstanceId.isPresent()) {
                g.writeFieldId(KEY_INSTANCE_ID);
                g.writeBinary(realmInstanceId.get());
            }
            if (mecPolicy.isPresent()) {
                g.writeFieldId(KEY_MEC_POLICY);
                g.writeNumber(mecPolicy.get());
            }
            g.writeEndObject();
        });
    }

    /** Decodes a realm claims map; unknown claims are ignored, as EAT asks of a recipient. */
    static RealmClaims decode(JsonNode node) throws CcaTokenException {
        ClaimMap m = ClaimMap.of("realm token", node);
        List<byte[]> rems = new ArrayList<>();
        for (JsonNode rem : m.array(KEY_REMS, "extensible measurements")) {
            if (!rem.isBinary()) {
                throw m.invalid(KEY_REMS, "extensible measurements", "must hold only bstr");
            }
            rems.add(Cbor.bytes(rem));
        }
        try {
            return new RealmClaims(m.bytes(KEY_CHALLENGE, "challenge"), m.bytes(KEY_RPV, "personalization value"),
                    m.bytes(KEY_RIM, "initial measurement"), rems, m.text(KEY_HASH_ALGO, "hash algorithm id"),
                    m.bytes(KEY_PUBLIC_KEY, "public key"),
                    m.text(KEY_PUBLIC_KEY_HASH_ALGO, "public key hash algorithm id"),
                    m.optionalText(KEY_PROFILE, "profile"), m.optionalBytes(KEY_INSTANCE_ID, "instance id"),
                    m.optionalInteger(KEY_MEC_POLICY, "MEC policy"));
        } catch (IllegalArgumentException e) {
            throw new CcaTokenException("realm token: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] personalizationValue() {
        return personalizationValue.clone();
    }

    @Override
    public byte[] initialMeasurement() {
        return initialMeasurement.clone();
    }

    @Override
    public List<byte[]> extensibleMeasurements() {
        return extensibleMeasurements.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] rakPublicKey() {
        return rakPublicKey.clone();
    }

    @Override
    public Optional<byte[]> realmInstanceId() {
        return realmInstanceId.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RealmClaims r)) {
            return false;
        }
        boolean remsEqual = true;
        for (int i = 0; i < REM_COUNT; i++) {
            remsEqual &= Arrays.equals(extensibleMeasurements.get(i), r.extensibleMeasurements.get(i));
        }
        return remsEqual && Arrays.equals(challenge, r.challenge)
                && Arrays.equals(personalizationValue, r.personalizationValue)
                && Arrays.equals(initialMeasurement, r.initialMeasurement) && hashAlgorithm.equals(r.hashAlgorithm)
                && Arrays.equals(rakPublicKey, r.rakPublicKey) && rakHashAlgorithm.equals(r.rakHashAlgorithm)
                && profile.equals(r.profile) && mecPolicy.equals(r.mecPolicy)
                && Arrays.equals(realmInstanceId.orElse(null), r.realmInstanceId.orElse(null));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(challenge), Arrays.hashCode(initialMeasurement), hashAlgorithm,
                Arrays.hashCode(rakPublicKey));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "RealmClaims[challenge=" + hex.formatHex(challenge) + ", rpv=" + hex.formatHex(personalizationValue)
                + ", rim=" + hex.formatHex(initialMeasurement) + ", rems="
                + extensibleMeasurements.stream().map(hex::formatHex).toList() + ", hashAlgorithm=" + hashAlgorithm
                + ", rak=" + hex.formatHex(rakPublicKey) + ", rakHashAlgorithm=" + rakHashAlgorithm
                + ", profile=" + profile.orElse("(none)")
                + realmInstanceId.map(id -> ", instanceId=" + hex.formatHex(id)).orElse("")
                + mecPolicy.map(p -> ", mecPolicy=" + p).orElse("") + "]";
    }

    private static byte[] exactly(byte[] value, int size, String what) {
        if (value.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
