package org.micasim.rmm.mica;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.micasim.rmm.attestation.CcaTokenException;
import org.micasim.rmm.attestation.CcaTokenVerifier;
import org.micasim.rmm.attestation.GroupAggregate;
import org.micasim.rmm.attestation.GroupMember;
import org.micasim.rmm.attestation.HashAlgorithmId;
import org.micasim.rmm.attestation.RealmClaims;
import org.micasim.rmm.attestation.VerifiedCcaToken;

/**
 * The relying party's check of a Mica group attestation (mica.md §5.3; docs/mica.md §9): given the stream
 * RSI_ATTEST_TOKEN_CONTINUE_GROUP produced ({@code [token][image_0]..[image_n-1]}), the platform's public
 * key, the challenge it sent and the members it expects in discovery order (the attesting realm first),
 * it checks, in order: the stream splits into a token and n images; the CCA token verifies; the challenge
 * is the one sent; the group has exactly the expected members; each streamed policy image is the expected
 * policy; the token's RIM, REM[0] and RPV are the aggregates of the expected RIMs, policy measurements
 * (a policy measured into a zero slot) and RPVs. It reports the first check that fails.
 *
 * <p>This is the logic behind {@code mica verify}.
 */
public final class GroupVerifier {
    private final CcaTokenVerifier tokens;

    public GroupVerifier(ECPublicKey platformKey) {
        this.tokens = new CcaTokenVerifier(platformKey);
    }

    /** The token and policy images of a group stream whose INIT_GROUP announced {@code members}. */
    public record GroupStream(byte[] token, List<byte[]> images) {
        public GroupStream {
            token = token.clone();
            images = images.stream().map(byte[]::clone).toList();
        }

        /** Splits {@code stream}: the last {@code members} x {@value PolicyImage#SIZE} bytes are the images. */
        public static Optional<GroupStream> split(byte[] stream, int members) {
            long imageBytes = (long) members * PolicyImage.SIZE;
            if (members < 1 || imageBytes >= stream.length) {
                return Optional.empty();
            }
            int tokenLength = (int) (stream.length - imageBytes);
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                int at = tokenLength + i * PolicyImage.SIZE;
                images.add(Arrays.copyOfRange(stream, at, at + PolicyImage.SIZE));
            }
            return Optional.of(new GroupStream(Arrays.copyOf(stream, tokenLength), images));
        }

        @Override
        public byte[] token() {
            return token.clone();
        }
    }

    /** Verifies a raw group stream announced with {@code members} policies. */
    public GroupVerification verify(byte[] stream, int members, byte[] challenge, List<ExpectedMember> expected) {
        Optional<GroupStream> split = GroupStream.split(stream, members);
        if (split.isEmpty()) {
            return fail(GroupVerification.Check.STREAM, stream.length + " bytes cannot hold a token and "
                    + members + " policies of " + PolicyImage.SIZE + " bytes");
        }
        return verify(split.get(), challenge, expected);
    }

    /** Verifies a group stream already split into its token and images. */
    public GroupVerification verify(GroupStream stream, byte[] challenge, List<ExpectedMember> expected) {
        VerifiedCcaToken token;
        try {
            token = tokens.verify(stream.token());
        } catch (CcaTokenException e) {
            return fail(GroupVerification.Check.TOKEN, e.getMessage());
        }
        RealmClaims claims = token.realm();
        if (!Arrays.equals(claims.challenge(), challenge)) {
            return fail(GroupVerification.Check.CHALLENGE, "the token answers another challenge");
        }
        if (stream.images().size() != expected.size()) {
            return fail(GroupVerification.Check.MEMBER_COUNT, "the group has " + stream.images().size()
                    + " members, " + expected.size() + " expected");
        }
        List<GroupMember> members = new ArrayList<>();
        HashAlgorithmId algo = claims.measurementAlgorithm();
        for (int i = 0; i < expected.size(); i++) {
            ExpectedMember e = expected.get(i);
            // A member without a policy streams an all-zero image and never extended its policy slot.
            byte[] want = e.hasPolicy() ? PolicyImage.encode(e.policy()) : new byte[PolicyImage.SIZE];
            byte[] got = stream.images().get(i);
            if (!Arrays.equals(want, got)) {
                return fail(GroupVerification.Check.POLICY, "member " + i + " (" + e.name() + "): "
                        + policyDifference(e.hasPolicy(), want, got));
            }
            byte[] policyMeasurement = e.hasPolicy() ? GroupAggregate.policyMeasurement(algo, want) : new byte[algo.digestSize()];
            members.add(GroupMember.of(e.rim().prefix(algo.digestSize()), policyMeasurement, e.rpv().bytes()));
        }
        GroupAggregate agg = GroupAggregate.compute(algo, members);
        if (!Arrays.equals(agg.rim(), claims.initialMeasurement())) {
            return fail(GroupVerification.Check.RIM_AGGREGATE, mismatch(agg.rim(), claims.initialMeasurement()));
        }
        byte[] rem0 = claims.extensibleMeasurements().get(0);
        if (!Arrays.equals(agg.policyMeasurement(), rem0)) {
            return fail(GroupVerification.Check.POLICY_AGGREGATE, mismatch(agg.policyMeasurement(), rem0));
        }
        if (!Arrays.equals(agg.rpv(), claims.personalizationValue())) {
            return fail(GroupVerification.Check.RPV_AGGREGATE, mismatch(agg.rpv(), claims.personalizationValue()));
        }
        return new GroupVerification(GroupVerification.Check.NONE, "");
    }

    private static String policyDifference(boolean expectPolicy, byte[] want, byte[] got) {
        if (!expectPolicy) {
            return "the realm has uploaded a policy, none was expected";
        }
        Optional<Policy> decoded;
        try {
            decoded = PolicyImage.decode(got);
        } catch (IllegalArgumentException e) {
            return "the streamed policy is not a valid descriptor image: " + e.getMessage();
        }
        if (decoded.isEmpty()) {
            return "the realm has uploaded no policy";
        }
        int at = Arrays.mismatch(want, got);
        return "the streamed policy differs from the expected one from byte " + at + " of the descriptor";
    }

    private static String mismatch(byte[] expected, byte[] actual) {
        HexFormat hex = HexFormat.of();
        return "expected " + hex.formatHex(expected) + ", token has " + hex.formatHex(actual);
    }

    private static GroupVerification fail(GroupVerification.Check check, String detail) {
        return new GroupVerification(check, detail);
    }
}
