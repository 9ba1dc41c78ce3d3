package org.micasim.rmm.attestation;

/**
 * A CCA token (or one of its parts) could not be decoded or did not verify. The message names the part and
 * the check that failed, e.g. "realm token: signature does not verify with the RAK in claim 44237".
 */
public class CcaTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public CcaTokenException(String message) {
        super(message);
    }

    public CcaTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
