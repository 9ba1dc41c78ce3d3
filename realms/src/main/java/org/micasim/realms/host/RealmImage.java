package org.micasim.realms.host;

import java.util.Arrays;
import org.micasim.simulator.guest.GuestImage;

/**
 * What the host builds a realm from: the guest program (its descriptor is the measured image, loaded at
 * IPA 0 where REC 0 starts), how much protected RAM follows the image, and the realm parameters the host
 * chooses.
 *
 * @param program     guest program name (see {@link GuestImage})
 * @param parameters  the program's parameter bytes
 * @param ramGranules protected RAM granules after the image (RIPAS RAM, populated on first touch)
 * @param recs        number of RECs; REC 0 is runnable, the others wait for PSCI CPU_ON
 * @param hashAlgo    0 SHA-256, 1 SHA-512
 * @param rpv         Realm Personalization Value (64 bytes)
 * @param vmid        VMID the host assigns
 */
public record RealmImage(String program, byte[] parameters, int ramGranules, int recs, int hashAlgo, byte[] rpv,
                         int vmid) {
    public RealmImage {
        parameters = parameters.clone();
        rpv = rpv == null ? new byte[64] : Arrays.copyOf(rpv, 64);
        if (recs < 1 || recs > 16) {
            throw new IllegalArgumentException("a realm needs 1..16 RECs, got " + recs);
        }
        if (ramGranules < 0 || ramGranules > 65536) {
            throw new IllegalArgumentException("ram granules must be 0..65536, got " + ramGranules);
        }
    }

    /** One REC, SHA-256, 16 granules of RAM, zero RPV. */
    public static RealmImage of(String program, byte[] parameters, int vmid) {
        return new RealmImage(program, parameters, 16, 1, 0, null, vmid);
    }

    /** The image bytes loaded at IPA 0: the program descriptor padded to whole granules. */
    public byte[] imageGranules() {
        return GuestImage.granules(program, parameters);
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    @Override
    public byte[] rpv() {
        return rpv.clone();
    }
}
