package org.micasim.rmm.rsi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmEl3Interface;
import org.micasim.rmm.RmmPanic;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiHashAlgorithm;
import org.micasim.rmm.attestation.CcaTokenIssuer;
import org.micasim.rmm.attestation.HashAlgorithmId;
import org.micasim.rmm.attestation.RealmAttestationKey;
import org.micasim.rmm.attestation.RealmClaims;
import org.micasim.rmm.realm.Rd;
import org.micasim.simulator.firmware.MonitorResult;

/**
 * The RMM's attestation bootstrap and token issuer, as TF-RMM's {@code attestation_init}: at boot it
 * fetches the RAK's private scalar from EL3 (RMM_ATTEST_GET_REALM_KEY), hashes the RAK's COSE_Key public
 * key (SHA-256) and fetches, in hunks, the platform token whose challenge is that hash
 * (RMM_ATTEST_GET_PLAT_TOKEN); the platform token is cached for all realms. Each realm token is then
 * built from the realm's RPV, RIM and REMs and signed with the RAK.
 *
 * @spec Arm DEN0137 1.0-rel0 §A7.2 (attestation token); rmm.md §8.2; TF-A rmm-el3-comms-spec
 */
public final class CcaRealmTokenIssuer implements RealmTokenIssuer {
    /** ATTEST_KEY_CURVE_ECC_SECP384R1. */
    private static final long CURVE_P384 = 0;

    private final CcaTokenIssuer issuer;
    private final RealmAttestationKey rak;

    private CcaRealmTokenIssuer(RealmAttestationKey rak, byte[] platformToken) {
        this.rak = rak;
        this.issuer = new CcaTokenIssuer(rak, platformToken);
    }

    /**
     * The factory to give {@link Rmm}: EL3 exchanges data with the RMM through the Realm-PAS buffer at
     * {@code bufferPa} of {@code bufferSize} bytes (TF-RMM's EL3 shared buffer, part of the RMM's own
     * memory, never delegable).
     */
    public static Rmm.TokenIssuerFactory factory(long bufferPa, int bufferSize) {
        return s -> bootstrap(s, bufferPa, bufferSize);
    }

    private static CcaRealmTokenIssuer bootstrap(RmmState s, long buf, int size) {
        MonitorResult key = s.services().monitorCall(RmmEl3Interface.RMM_ATTEST_GET_REALM_KEY, buf, size, CURVE_P384);
        if (key.x0() != RmmEl3Interface.E_RMM_OK) {
            throw new RmmPanic("EL3 refused RMM_ATTEST_GET_REALM_KEY: " + key.x0());
        }
        RealmAttestationKey rak = RealmAttestationKey.fromPrivateScalar(s.readRealm(buf, (int) key.x1()));
        byte[] challenge = rak.publicKeyHash();
        s.writeRealm(buf, challenge);
        ByteArrayOutputStream token = new ByteArrayOutputStream();
        long challengeSize = challenge.length;
        while (true) {
            MonitorResult r = s.services().monitorCall(RmmEl3Interface.RMM_ATTEST_GET_PLAT_TOKEN, buf, size,
                challengeSize);
            if (r.x0() != RmmEl3Interface.E_RMM_OK) {
                throw new RmmPanic("EL3 refused RMM_ATTEST_GET_PLAT_TOKEN: " + r.x0());
            }
            token.writeBytes(s.readRealm(buf, (int) r.x1()));
            if (r.x2() == 0) {
                break;
            }
            challengeSize = 0;
        }
        return new CcaRealmTokenIssuer(rak, token.toByteArray());
    }

    /** The RAK (public part for verifiers, tests). */
    public RealmAttestationKey rak() {
        return rak;
    }

    @Override
    public byte[] issue(Rd rd, byte[] challenge) {
        RmiHashAlgorithm algo = rd.hashAlgo();
        HashAlgorithmId id = algo == RmiHashAlgorithm.RMI_HASH_SHA_256 ? HashAlgorithmId.SHA_256
            : HashAlgorithmId.SHA_512;
        List<byte[]> rems = new ArrayList<>();
        for (int i = 1; i < Rd.NUM_MEASUREMENTS; i++) {
            rems.add(Arrays.copyOf(rd.measurement(i), algo.digestSize()));
        }
        RealmClaims claims = RealmClaims.of(challenge, rd.rpv(), rd.rimDigest(), rems, id, rak);
        return issuer.issue(claims);
    }
}
