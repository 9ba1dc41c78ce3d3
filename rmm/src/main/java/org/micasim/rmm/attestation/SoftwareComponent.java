package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the platform's software components claim (2399): a measured boot stage
 * (draft-ffm-rats-cca-token, PSA software component map).
 *
 * @param type key 1: component type, e.g. "RMM"
 * @param measurement key 2: measurement value
 * @param version key 4: version text
 * @param signerId key 5: hash of the key that signed the component
 * @param hashAlgorithm key 6: algorithm of {@code measurement}
 */
public record SoftwareComponent(Optional<String> type, byte[] measurement, Optional<String> version, byte[] signerId,
        Optional<String> hashAlgorithm) {
    private static final int KEY_TYPE = 1;
    private static final int KEY_MEASUREMENT = 2;
    private static final int KEY_VERSION = 4;
    private static final int KEY_SIGNER_ID = 5;
    private static final int KEY_HASH_ALGO = 6;

    public SoftwareComponent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        if (measurement.length == 0 || signerId.length == 0) {
            throw new IllegalArgumentException("a software component needs a measurement and a signer id");
        }
        measurement = measurement.clone();
        signerId = signerId.clone();
    }

    /** A component with every field present. */
    public SoftwareComponent(String type, byte[] measurement, String version, byte[] signerId,
            HashAlgorithmId hashAlgorithm) {
        this(Optional.of(type), measurement, Optional.of(version), signerId, Optional.of(hashAlgorithm.claimName()));
    }

    /** Writes the map in the order of TF-M's example tokens: 1, 5, 2, 4, 6. */
    void write(CBORGenerator g) throws IOException {
        int size = 2 + (type.isPresent() ? 1 : 0) + (version.isPresent() ? 1 : 0) + (hashAlgorithm.isPresent() ? 1 : 0);
        g.writeStartObject(null, size);
        if (type.isPresent()) {
            g.writeFieldId(KEY_TYPE);
            g.writeString(type.get());
        }
        g.writeFieldId(KEY_SIGNER_ID);
        g.writeBinary(signerId);
        g.writeFieldId(KEY_MEASUREMENT);
        g.writeBinary(measurement);
        if (version.isPresent()) {
            g.writeFieldId(KEY_VERSION);
            g.writeString(version.get());
        }
        if (hashAlgorithm.isPresent()) {
            g.writeFieldId(KEY_HASH_ALGO);
            g.writeString(hashAlgorithm.get());
        }
        g.writeEndObject();
    }

    static SoftwareComponent decode(JsonNode node, int index) throws CcaTokenException {
        ClaimMap m = ClaimMap.of("platform token: software component " + index, node);
        try {
            return new SoftwareComponent(m.optionalText(KEY_TYPE, "component type"),
                    m.bytes(KEY_MEASUREMENT, "measurement value"), m.optionalText(KEY_VERSION, "version"),
                    m.bytes(KEY_SIGNER_ID, "signer id"), m.optionalText(KEY_HASH_ALGO, "hash algorithm id"));
        } catch (IllegalArgumentException e) {
            throw new CcaTokenException(m.where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] measurement() {
        return measurement.clone();
    }

    @Override
    public byte[] signerId() {
        return signerId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftwareComponent c && type.equals(c.type) && Arrays.equals(measurement, c.measurement)
                && version.equals(c.version) && Arrays.equals(signerId, c.signerId)
                && hashAlgorithm.equals(c.hashAlgorithm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(measurement), version, Arrays.hashCode(signerId), hashAlgorithm);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "SoftwareComponent[" + type.orElse("?") + " " + version.orElse("") + " " + hex.formatHex(measurement)
                + " signer " + hex.formatHex(signerId) + " " + hashAlgorithm.orElse("") + "]";
    }
}
