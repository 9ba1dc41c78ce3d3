package org.micasim.rmm.attestation;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The CBOR plumbing of this package, on jackson-dataformat-cbor. Encoding always uses definite-length
 * arrays and maps (as QCBOR in TF-RMM does) and integer map keys; decoding reads one data item into a tree
 * and reports the tag in front of it, rejecting duplicate map keys and trailing bytes.
 */
final class Cbor {
    /** Immutable after construction and thread-safe, as Jackson documents for configured factories. */
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final CBORMapper MAPPER = new CBORMapper(FACTORY);

    /** Marker for "no tag" in {@link Tagged#tag()}. */
    static final int NO_TAG = -1;

    private Cbor() {
    }

    /** Writes one CBOR item through a generator. */
    @FunctionalInterface
    interface Writer {
        void write(CBORGenerator g) throws IOException;
    }

    /** One decoded data item and the (single) tag that preceded it, or {@link #NO_TAG}. */
    record Tagged(int tag, JsonNode value) {
    }

    static byte[] encode(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("CBOR encoding into memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes exactly one data item from {@code bytes}.
     *
     * @throws IOException if the bytes are not one well-formed CBOR item (message says why)
     */
    static Tagged decode(byte[] bytes) throws IOException {
        try (CBORParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty input");
            }
            CBORParser.TagList tags = p.getCurrentTags();
            if (tags != null && tags.size() > 1) {
                throw new IOException("more than one tag on the outer item");
            }
            int tag = p.getCurrentTag();
            JsonNode value = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing bytes after the CBOR item");
            }
            return new Tagged(tag < 0 ? NO_TAG : tag, value);
        }
    }

    /** The bytes of a bstr node. */
    static byte[] bytes(JsonNode binaryNode) {
        try {
            return binaryNode.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException("a binary node always yields its bytes", e);
        }
    }
}
