package org.micasim.rmm.attestation;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One realm of a Mica group as its RD holds it (mica.md section 5.2): measurement slot 0 (the RIM), slot 1
 * (the policy measurement, reported as REM[0]) and the RPV. Each is the full 64-byte buffer the RMM keeps,
 * because the group aggregate hashes all 64 bytes of a member's slot (zero above the digest for SHA-256).
 *
 * @param rimSlot measurement slot 0, 64 bytes
 * @param policySlot measurement slot 1, 64 bytes
 * @param rpv the realm personalization value, 64 bytes
 */
public record GroupMember(byte[] rimSlot, byte[] policySlot, byte[] rpv) {
    /** Size of a measurement slot and of the RPV in the RMM. */
    public static final int SLOT_SIZE = 64;

    public GroupMember {
        rimSlot = slot(rimSlot, "RIM slot");
        policySlot = slot(policySlot, "policy slot");
        rpv = slot(rpv, "RPV");
    }

    /**
     * A member from its measurements as a token reports them (digest size, zero-extended to the slot) or as
     * full slots (64 bytes, taken as they are), and its 64-byte RPV.
     */
    public static GroupMember of(byte[] rim, byte[] policyMeasurement, byte[] rpv) {
        return new GroupMember(padded(rim, "RIM"), padded(policyMeasurement, "policy measurement"), rpv);
    }

    /** A member whose own (non-group) realm token carried {@code claims}: RIM, REM[0] and RPV. */
    public static GroupMember fromClaims(RealmClaims claims) {
        return of(claims.initialMeasurement(), claims.extensibleMeasurements().get(0), claims.personalizationValue());
    }

    @Override
    public byte[] rimSlot() {
        return rimSlot.clone();
    }

    @Override
    public byte[] policySlot() {
        return policySlot.clone();
    }

    @Override
    public byte[] rpv() {
        return rpv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupMember m && Arrays.equals(rimSlot, m.rimSlot) && Arrays.equals(policySlot, m.policySlot)
                && Arrays.equals(rpv, m.rpv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(rimSlot), Arrays.hashCode(policySlot), Arrays.hashCode(rpv));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "GroupMember[rim=" + hex.formatHex(rimSlot) + ", policy=" + hex.formatHex(policySlot) + ", rpv="
                + hex.formatHex(rpv) + "]";
    }

    private static byte[] padded(byte[] measurement, String what) {
        int n = measurement.length;
        if (n != HashAlgorithmId.SHA_256.digestSize() && n != HashAlgorithmId.SHA_512.digestSize()) {
            throw new IllegalArgumentException(what + " must be 32 or 64 bytes, got " + n);
        }
        return Arrays.copyOf(measurement, SLOT_SIZE);
    }

    static byte[] slot(byte[] value, String what) {
        if (value.length != SLOT_SIZE) {
            throw new IllegalArgumentException(what + " must be " + SLOT_SIZE + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
