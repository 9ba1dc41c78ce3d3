package org.micasim.rmm.attestation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The aggregate measurements of a Mica group token (mica.md section 5.2, RSI_ATTEST_TOKEN_INIT_GROUP of
 * the published implementation). Starting from the caller's own RIM slot, policy slot and RPV, each other
 * member in discovery order is folded in with the RMM's measurement extend:
 * <pre>
 * agg[0 .. d) := H(agg[0 .. d) || member[0 .. 64))      agg[d .. 64) unchanged
 * </pre>
 * for the RIM slot, the policy slot and the RPV, H the caller's measurement algorithm and d its digest
 * size. The group realm token then reports RIM = agg_rim[0 .. d), REM[0] = agg_policy[0 .. d) (REM[1..3]
 * are the caller's) and RPV = all 64 bytes of agg_rpv. With SHA-256 the upper 32 bytes of that RPV are
 * still the caller's own RPV bytes 32..63, exactly as the implementation leaves them.
 *
 * @param algorithm the caller's measurement algorithm
 * @param rimSlot aggregated slot 0, 64 bytes
 * @param policySlot aggregated slot 1, 64 bytes
 * @param rpv aggregated RPV, 64 bytes
 */
public record GroupAggregate(HashAlgorithmId algorithm, byte[] rimSlot, byte[] policySlot, byte[] rpv) {
    /** Largest group the RMM attests (PARSER_MAX_VMS). */
    public static final int MAX_MEMBERS = 8;

    public GroupAggregate {
        Objects.requireNonNull(algorithm, "algorithm");
        rimSlot = GroupMember.slot(rimSlot, "RIM slot");
        policySlot = GroupMember.slot(policySlot, "policy slot");
        rpv = GroupMember.slot(rpv, "RPV");
    }

    /**
     * Aggregates {@code members}: the caller first, then the others in the RMM's breadth-first discovery
     * order over the Shared Granule Table.
     */
    public static GroupAggregate compute(HashAlgorithmId algorithm, List<GroupMember> members) {
        if (algorithm == HashAlgorithmId.SHA_384) {
            throw new IllegalArgumentException("realm measurements use sha-256 or sha-512");
        }
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("a group has 1 to " + MAX_MEMBERS + " members, got " + members.size());
        }
        GroupMember caller = members.get(0);
        byte[] rim = caller.rimSlot();
        byte[] policy = caller.policySlot();
        byte[] rpv = caller.rpv();
        for (GroupMember peer : members.subList(1, members.size())) {
            rim = extend(algorithm, rim, peer.rimSlot());
            policy = extend(algorithm, policy, peer.policySlot());
            rpv = extend(algorithm, rpv, peer.rpv());
        }
        return new GroupAggregate(algorithm, rim, policy, rpv);
    }

    /**
     * The RMM's measurement extend on a 64-byte slot: the first digest-size bytes become
     * H(slot[0 .. d) || data), the rest of the slot is kept.
     */
    public static byte[] extend(HashAlgorithmId algorithm, byte[] slot, byte[] data) {
        if (slot.length != GroupMember.SLOT_SIZE) {
            throw new IllegalArgumentException("a measurement slot is 64 bytes, got " + slot.length);
        }
        byte[] out = slot.clone();
        byte[] digest = algorithm.digest(Arrays.copyOf(slot, algorithm.digestSize()), data);
        System.arraycopy(digest, 0, out, 0, digest.length);
        return out;
    }

    /**
     * The policy measurement of a realm that uploaded {@code policy} (the stored policy structure) into a
     * still-zero slot 1, as its REM[0] reports it: H(0^d || policy).
     */
    public static byte[] policyMeasurement(HashAlgorithmId algorithm, byte[] policy) {
        return Arrays.copyOf(extend(algorithm, new byte[GroupMember.SLOT_SIZE], policy), algorithm.digestSize());
    }

    /** The group RIM as the token reports it (digest size). */
    public byte[] rim() {
        return Arrays.copyOf(rimSlot, algorithm.digestSize());
    }

    /** The group policy measurement as the token's REM[0] reports it (digest size). */
    public byte[] policyMeasurement() {
        return Arrays.copyOf(policySlot, algorithm.digestSize());
    }

    /**
     * The claims of the group token: {@code callerClaims} (the caller's own claims for this challenge)
     * with RIM, REM[0] and RPV replaced by the aggregate.
     */
    public RealmClaims applyTo(RealmClaims callerClaims) {
        if (callerClaims.measurementAlgorithm() != algorithm) {
            throw new IllegalArgumentException("caller measures with " + callerClaims.hashAlgorithm()
                    + ", the aggregate with " + algorithm.claimName());
        }
        List<byte[]> rems = new ArrayList<>(callerClaims.extensibleMeasurements());
        rems.set(0, policyMeasurement());
        return new RealmClaims(callerClaims.challenge(), rpv, rim(), rems, callerClaims.hashAlgorithm(),
                callerClaims.rakPublicKey(), callerClaims.rakHashAlgorithm(), callerClaims.profile(),
                callerClaims.realmInstanceId(), callerClaims.mecPolicy());
    }

    /**
     * Whether {@code claims} (from a verified group token) carry exactly this aggregate: RIM, REM[0] and RPV.
     */
    public boolean matches(RealmClaims claims) {
        return claims.measurementAlgorithm() == algorithm && Arrays.equals(claims.initialMeasurement(), rim())
                && Arrays.equals(claims.extensibleMeasurements().get(0), policyMeasurement())
                && Arrays.equals(claims.personalizationValue(), rpv);
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
        return o instanceof GroupAggregate a && algorithm == a.algorithm && Arrays.equals(rimSlot, a.rimSlot)
                && Arrays.equals(policySlot, a.policySlot) && Arrays.equals(rpv, a.rpv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, Arrays.hashCode(rimSlot), Arrays.hashCode(policySlot), Arrays.hashCode(rpv));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "GroupAggregate[" + algorithm.claimName() + ", rim=" + hex.formatHex(rim()) + ", policy="
                + hex.formatHex(policyMeasurement()) + ", rpv=" + hex.formatHex(rpv) + "]";
    }
}
