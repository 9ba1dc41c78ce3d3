package org.micasim.rmm.attestation;

import java.util.Arrays;

/**
 * Builds CCA attestation tokens as the RMM does for RSI_ATTESTATION_TOKEN_INIT/CONTINUE (RMM 1.0 A7.2.1,
 * TF-RMM rel0 {@code attestation_token.c}):
 * <pre>
 * 399({44234: bstr platform token, 44241: bstr realm token})
 * realm token = 18([bstr {1: -35}, {}, bstr realm claims, bstr ES384 signature by the RAK])
 * </pre>
 * The platform token is the one EL3 returned at boot for the RAK's public key hash; the RMM passes it on
 * unchanged for every realm.
 */
public final class CcaTokenIssuer {
    /** CBOR tag of the CCA token collection (RMM 1.0). */
    public static final int TAG_CCA_TOKEN = 399;
    /** Map key of the platform token in the collection. */
    public static final int KEY_PLATFORM_TOKEN = 44234;
    /** Map key of the realm (delegated) token in the collection. */
    public static final int KEY_REALM_TOKEN = 44241;

    private final RealmAttestationKey rak;
    private final byte[] platformToken;

    public CcaTokenIssuer(RealmAttestationKey rak, byte[] platformToken) {
        if (platformToken.length == 0) {
            throw new IllegalArgumentException("platform token is empty");
        }
        this.rak = rak;
        this.platformToken = platformToken.clone();
    }

    /**
     * The CCA token for {@code claims}.
     *
     * @throws IllegalArgumentException if the claims carry a public key other than this issuer's RAK
     */
    public byte[] issue(RealmClaims claims) {
        byte[] realmToken = realmToken(claims);
        return Cbor.encode(g -> {
            g.writeTag(TAG_CCA_TOKEN);
            g.writeStartObject(null, 2);
            g.writeFieldId(KEY_PLATFORM_TOKEN);
            g.writeBinary(platformToken);
            g.writeFieldId(KEY_REALM_TOKEN);
            g.writeBinary(realmToken);
            g.writeEndObject();
        });
    }

    /** The signed realm token alone (a tagged COSE_Sign1). */
    public byte[] realmToken(RealmClaims claims) {
        byte[] claimedKey = claims.rakPublicKey();
        if (!Arrays.equals(claimedKey, rak.coseKey()) && !Arrays.equals(claimedKey, rak.sec1Point())) {
            throw new IllegalArgumentException("realm claims name a public key that is not this issuer's RAK");
        }
        return CoseSign1.sign(claims.encode(), rak.key());
    }

    /** The platform token this issuer embeds. */
    public byte[] platformToken() {
        return platformToken.clone();
    }
}
