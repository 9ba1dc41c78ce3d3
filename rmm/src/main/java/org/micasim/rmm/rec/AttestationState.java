package org.micasim.rmm.rec;

/**
 * Per-REC attestation progress: ATTEST_IN_PROGRESS with its challenge, then the finished token and how
 * much of it the realm has copied out.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.3 (attest_state, attest_challenge), §B5.3.1-2
 */
public final class AttestationState {
    private byte[] challenge;
    private byte[] token;
    private int copied;

    /** ATTEST_IN_PROGRESS. */
    public boolean inProgress() {
        return challenge != null;
    }

    /** Starts a new token (aborting any ongoing one). */
    public void start(byte[] challenge) {
        this.challenge = challenge.clone();
        this.token = null;
        this.copied = 0;
    }

    public byte[] challenge() {
        return challenge == null ? null : challenge.clone();
    }

    /** The generated token, or null before generation. */
    public byte[] token() {
        return token;
    }

    public void setToken(byte[] token) {
        this.token = token.clone();
    }

    public int copied() {
        return copied;
    }

    public void addCopied(int n) {
        copied += n;
    }

    /** NO_ATTEST_IN_PROGRESS. */
    public void reset() {
        challenge = null;
        token = null;
        copied = 0;
    }
}
