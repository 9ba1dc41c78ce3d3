package org.micasim.simulator.firmware;

/**
 * The platform's root of trust as EL3 reaches it (on real systems an RSE or a secure element): it holds
 * the Realm Attestation Key and signs platform tokens. The simulator serves RMM_ATTEST_GET_REALM_KEY and
 * RMM_ATTEST_GET_PLAT_TOKEN from it; an implementation is plugged in when the machine is assembled.
 */
public interface PlatformAttestation {
    /** The private scalar of the P-384 Realm Attestation Key, big-endian, as EL3 hands it to the RMM. */
    byte[] realmAttestationKey();

    /** A signed platform token (tagged COSE_Sign1) whose challenge claim is {@code challenge}. */
    byte[] platformToken(byte[] challenge);
}
