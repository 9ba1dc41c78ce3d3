package org.micasim.rmm.attestation;

import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * A CCA token whose platform signature, RAK binding and realm signature all checked out.
 *
 * @param format the top-level encoding
 * @param platform the platform claims
 * @param realm the realm claims
 * @param rak the Realm Attestation Key taken from realm claim 44237
 * @param rakForm how claim 44237 encodes the RAK
 * @param platformToken the platform COSE_Sign1 as carried in the token
 * @param realmToken the realm COSE_Sign1 as carried in the token
 */
public record VerifiedCcaToken(CcaTokenFormat format, PlatformClaims platform, RealmClaims realm, ECPublicKey rak,
        RakForm rakForm, byte[] platformToken, byte[] realmToken) {

    /** The encodings of realm claim 44237. */
    public enum RakForm {
        /** A COSE_Key map (RMM 1.0, TF-RMM). */
        COSE_KEY,
        /** A raw 97-byte uncompressed SEC1 point (legacy tokens). */
        SEC1_POINT
    }

    public VerifiedCcaToken {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(rak, "rak");
        Objects.requireNonNull(rakForm, "rakForm");
        platformToken = platformToken.clone();
        realmToken = realmToken.clone();
    }

    @Override
    public byte[] platformToken() {
        return platformToken.clone();
    }

    @Override
    public byte[] realmToken() {
        return realmToken.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedCcaToken v && format == v.format && platform.equals(v.platform)
                && realm.equals(v.realm) && rakForm == v.rakForm
                && java.util.Arrays.equals(platformToken, v.platformToken)
                && java.util.Arrays.equals(realmToken, v.realmToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, platform, realm, rakForm);
    }

    @Override
    public String toString() {
        return "VerifiedCcaToken[" + format + ", " + platform + ", " + realm + ", rak " + rakForm + "]";
    }
}
