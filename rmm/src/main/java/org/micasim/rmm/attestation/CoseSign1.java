package org.micasim.rmm.attestation;

import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A COSE_Sign1 message with algorithm ES384 (RFC 9052 section 4.2), as both CCA tokens use it:
 * {@code 18([bstr .cbor {1: -35}, {}, bstr payload, bstr signature])}. The signature covers the
 * Sig_structure {@code ["Signature1", protected, h'', payload]}.
 *
 * @param protectedHeader the serialized protected header (the bstr's content)
 * @param payload the payload (the bstr's content: the encoded claims map)
 * @param signature the raw 96-byte r || s
 */
public record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {
    /** CBOR tag of COSE_Sign1_Tagged. */
    public static final int TAG = 18;
    /** COSE header label "alg". */
    static final int HEADER_ALG = 1;
    /** COSE algorithm ES384. */
    public static final int ALG_ES384 = -35;
    private static final byte[] ES384_PROTECTED_HEADER = Cbor.encode(g -> {
        g.writeStartObject(null, 1);
        g.writeFieldId(HEADER_ALG);
        g.writeNumber(ALG_ES384);
        g.writeEndObject();
    });

    public CoseSign1 {
        protectedHeader = protectedHeader.clone();
        payload = payload.clone();
        signature = signature.clone();
    }

    /** Builds and signs a tagged COSE_Sign1 over {@code payload} with {@code key}, as t_cose does in TF-RMM. */
    public static byte[] sign(byte[] payload, P384Key key) {
        byte[] signature = key.sign(sigStructure(ES384_PROTECTED_HEADER, payload));
        return new CoseSign1(ES384_PROTECTED_HEADER, payload, signature).encode();
    }

    /** The tagged encoding {@code 18([protected, {}, payload, signature])}. */
    public byte[] encode() {
        return Cbor.encode(g -> {
            g.writeTag(TAG);
            g.writeStartArray(null, 4);
            g.writeBinary(protectedHeader);
            g.writeStartObject(null, 0);
            g.writeEndObject();
            g.writeBinary(payload);
            g.writeBinary(signature);
            g.writeEndArray();
        });
    }

    /**
     * Decodes a tagged COSE_Sign1 whose protected header says ES384.
     *
     * @param what the name of the token for messages, e.g. "platform token"
     */
    public static CoseSign1 decode(byte[] bytes, String what) throws CcaTokenException {
        Cbor.Tagged item;
        try {
            item = Cbor.decode(bytes);
        } catch (IOException e) {
            throw new CcaTokenException(what + ": not well-formed CBOR: " + e.getMessage(), e);
        }
        if (item.tag() != TAG) {
            throw new CcaTokenException(what + ": expected COSE_Sign1 tag 18, found "
                    + (item.tag() == Cbor.NO_TAG ? "no tag" : "tag " + item.tag()));
        }
        var array = item.value();
        if (!array.isArray() || array.size() != 4) {
            throw new CcaTokenException(what + ": COSE_Sign1 must be an array of 4 items");
        }
        if (!array.get(0).isBinary() || !array.get(1).isObject() || !array.get(2).isBinary()
                || !array.get(3).isBinary()) {
            throw new CcaTokenException(what + ": COSE_Sign1 must be [bstr protected, map unprotected, "
                    + "bstr payload, bstr signature]");
        }
        byte[] protectedHeader = Cbor.bytes(array.get(0));
        checkProtectedHeader(protectedHeader, what);
        byte[] signature = Cbor.bytes(array.get(3));
        if (signature.length != P384Key.SIGNATURE_SIZE) {
            throw new CcaTokenException(what + ": an ES384 signature is 96 bytes, found " + signature.length);
        }
        return new CoseSign1(protectedHeader, Cbor.bytes(array.get(2)), signature);
    }

    /** The bytes the signature covers. */
    public byte[] toBeSigned() {
        return sigStructure(protectedHeader, payload);
    }

    /** Whether the signature verifies with {@code key}. */
    public boolean verifies(ECPublicKey key) {
        return P384Key.verify(key, toBeSigned(), signature);
    }

    @Override
    public byte[] protectedHeader() {
        return protectedHeader.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoseSign1 other && Arrays.equals(protectedHeader, other.protectedHeader)
                && Arrays.equals(payload, other.payload) && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(protectedHeader), Arrays.hashCode(payload), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "CoseSign1[protected " + protectedHeader.length + " B, payload " + payload.length
                + " B, signature " + signature.length + " B]";
    }

    private static void checkProtectedHeader(byte[] header, String what) throws CcaTokenException {
        Cbor.Tagged item;
        try {
            item = Cbor.decode(header);
        } catch (IOException e) {
            throw new CcaTokenException(what + ": protected header is not well-formed CBOR: " + e.getMessage(), e);
        }
        var alg = item.value().get(Integer.toString(HEADER_ALG));
        if (!item.value().isObject() || alg == null || !alg.isIntegralNumber() || alg.asLong() != ALG_ES384) {
            throw new CcaTokenException(what + ": protected header must carry alg (1) = -35 (ES384)");
        }
    }

    private static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return Cbor.encode(g -> {
            g.writeStartArray(null, 4);
            g.writeString("Signature1");
            g.writeBinary(protectedHeader);
            g.writeBinary(new byte[0]);
            g.writeBinary(payload);
            g.writeEndArray();
        });
    }
}
