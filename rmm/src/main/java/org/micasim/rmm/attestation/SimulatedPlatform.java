package org.micasim.rmm.attestation;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;
import org.micasim.simulator.firmware.PlatformAttestation;

/**
 * The platform root of trust of the simulated machine (what an RSE is on real hardware): it holds the
 * platform attestation key (IAK, P-384) that signs platform tokens and provisions the Realm Attestation
 * Key. Both keys are derived from a {@code long seed}, so one seed gives the same keys, tokens and
 * signatures on every run.
 *
 * <p>The claim values are simulated but shaped like Arm's reference platform (see docs/attestation.md):
 * implementation id = SHA-256("mica-sim simulated CCA platform"); instance id = 0x01 || SHA-256(IAK public
 * key as SEC1 point), as TF-M derives it; config = the ASCII bytes "mica-sim"; lifecycle 0x3000 (secured);
 * four software components (AP_BL1, AP_BL2, AP_BL31, RMM) whose measurements are SHA-256 of
 * "mica-sim &lt;type&gt; &lt;version&gt;" because the simulator has no firmware images; one signer id for all.
 */
public final class SimulatedPlatform implements PlatformAttestation {
    /** The verification service named in every simulated platform token (a reserved .invalid name). */
    public static final String VERIFICATION_SERVICE = "https://verifier.mica-sim.invalid/";
    /** Version of every simulated firmware component. */
    public static final String FIRMWARE_VERSION = "0.1.0";

    private static final List<String> COMPONENTS = List.of("AP_BL1", "AP_BL2", "AP_BL31", "RMM");

    private final P384Key platformKey;
    /**
     * Only the RAK's private scalar: EL3 hands the RMM the scalar and the RMM computes the public key
     * itself, so computing it here too would repeat the costliest EC work of a boot for nothing.
     */
    private final byte[] rakScalar;
    /** {@link #rak()}, made on first use (immutable, so a racing second computation is harmless). */
    private RealmAttestationKey rak;

    public SimulatedPlatform(long seed) {
        this.platformKey = P384Key.derive("mica-sim platform attestation key", seed);
        this.rakScalar = P384Key.deriveScalar("mica-sim realm attestation key", seed);
    }

    @Override
    public byte[] realmAttestationKey() {
        return rakScalar.clone();
    }

    /**
     * A platform token for {@code challenge} (32, 48 or 64 bytes: the hash of the RAK public key), signed
     * with the platform key.
     */
    @Override
    public byte[] platformToken(byte[] challenge) {
        return CoseSign1.sign(platformClaims(challenge).encode(), platformKey);
    }

    /** The claims {@link #platformToken} signs. */
    public PlatformClaims platformClaims(byte[] challenge) {
        HashAlgorithmId sha256 = HashAlgorithmId.SHA_256;
        byte[] signer = sha256.digest(ascii("mica-sim firmware signing key"));
        List<SoftwareComponent> components = COMPONENTS.stream()
                .map(type -> new SoftwareComponent(type, sha256.digest(ascii("mica-sim " + type + " " + FIRMWARE_VERSION)),
                        FIRMWARE_VERSION, signer, sha256))
                .toList();
        byte[] instanceId = new byte[33];
        instanceId[0] = 0x01;
        System.arraycopy(sha256.digest(P384.sec1Point(platformKey.publicKey())), 0, instanceId, 1, 32);
        return new PlatformClaims(PlatformClaims.PROFILE, challenge, sha256.digest(ascii("mica-sim simulated CCA platform")),
                instanceId, ascii("mica-sim"), PlatformClaims.LIFECYCLE_SECURED, components,
                Optional.of(VERIFICATION_SERVICE), sha256.claimName());
    }

    /** The platform public key a relying party needs to verify tokens of this platform. */
    public ECPublicKey platformPublicKey() {
        return platformKey.publicKey();
    }

    /** {@link #platformPublicKey()} as PEM, for export by {@code mica}. */
    public String platformPublicKeyPem() {
        return Pem.encodePublicKey(platformKey.publicKey());
    }

    /** The Realm Attestation Key this platform provisions. */
    public RealmAttestationKey rak() {
        RealmAttestationKey k = rak;
        if (k == null) {
            k = RealmAttestationKey.fromPrivateScalar(rakScalar);
            rak = k;
        }
        return k;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
