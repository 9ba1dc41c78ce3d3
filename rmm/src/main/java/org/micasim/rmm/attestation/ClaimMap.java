package org.micasim.rmm.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, strict access to a decoded CBOR map with integer keys (a claims set, a COSE header, a software
 * component). Every failure names the map ({@code where}) and the key.
 */
final class ClaimMap {
    private final String where;
    private final JsonNode map;

    private ClaimMap(String where, JsonNode map) {
        this.where = where;
        this.map = map;
    }

    static ClaimMap of(String where, JsonNode node) throws CcaTokenException {
        if (node == null || !node.isObject()) {
            throw new CcaTokenException(where + ": expected a CBOR map");
        }
        return new ClaimMap(where, node);
    }

    String where() {
        return where;
    }

    boolean has(long key) {
        return map.has(Long.toString(key));
    }

    byte[] bytes(long key, String name) throws CcaTokenException {
        return optionalBytes(key, name).orElseThrow(() -> missing(key, name));
    }

    Optional<byte[]> optionalBytes(long key, String name) throws CcaTokenException {
        JsonNode v = map.get(Long.toString(key));
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBinary()) {
            throw wrongType(key, name, "a bstr");
        }
        return Optional.of(Cbor.bytes(v));
    }

    String text(long key, String name) throws CcaTokenException {
        return optionalText(key, name).orElseThrow(() -> missing(key, name));
    }

    Optional<String> optionalText(long key, String name) throws CcaTokenException {
        JsonNode v = map.get(Long.toString(key));
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(key, name, "a tstr");
        }
        return Optional.of(v.textValue());
    }

    long integer(long key, String name) throws CcaTokenException {
        return optionalInteger(key, name).orElseThrow(() -> missing(key, name));
    }

    Optional<Long> optionalInteger(long key, String name) throws CcaTokenException {
        JsonNode v = map.get(Long.toString(key));
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(key, name, "an integer");
        }
        return Optional.of(v.longValue());
    }

    /** The elements of the array at {@code key}. */
    List<JsonNode> array(long key, String name) throws CcaTokenException {
        JsonNode v = map.get(Long.toString(key));
        if (v == null) {
            throw missing(key, name);
        }
        if (!v.isArray()) {
            throw wrongType(key, name, "an array");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    CcaTokenException invalid(long key, String name, String problem) {
        return new CcaTokenException(where + ": claim " + key + " (" + name + ") " + problem);
    }

    private CcaTokenException missing(long key, String name) {
        return new CcaTokenException(where + ": claim " + key + " (" + name + ") is missing");
    }

    private CcaTokenException wrongType(long key, String name, String type) {
        return invalid(key, name, "must be " + type);
    }
}
