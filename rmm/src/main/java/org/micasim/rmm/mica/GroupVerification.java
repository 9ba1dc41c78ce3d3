package org.micasim.rmm.mica;

import java.util.Objects;

/**
 * The verdict of {@link GroupVerifier}: accepted, or the first check that failed and why.
 *
 * @param failed the failed check, or {@link Check#NONE}
 * @param detail what exactly did not hold (empty when accepted)
 */
public record GroupVerification(Check failed, String detail) {
    /** The checks, in the order they are made. */
    public enum Check {
        /** Nothing failed: the group token is accepted. */
        NONE,
        /** The stream cannot be split into a token and the policy images it announces. */
        STREAM,
        /** Token signatures, platform binding and claim shapes (the CCA token verifier). */
        TOKEN,
        /** The token's challenge is not the relying party's. */
        CHALLENGE,
        /** The group has more or fewer members than expected. */
        MEMBER_COUNT,
        /** A streamed policy is not the expected one for that position. */
        POLICY,
        /** The token's RIM is not the aggregate of the expected RIMs. */
        RIM_AGGREGATE,
        /** The token's REM[0] is not the aggregate of the expected policy measurements. */
        POLICY_AGGREGATE,
        /** The token's RPV is not the aggregate of the expected RPVs. */
        RPV_AGGREGATE
    }

    public GroupVerification {
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether every check passed. */
    public boolean accepted() {
        return failed == Check.NONE;
    }

    @Override
    public String toString() {
        return accepted() ? "group token accepted" : "group token rejected: " + failed + ": " + detail;
    }
}
