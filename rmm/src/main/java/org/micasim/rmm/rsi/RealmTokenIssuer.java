package org.micasim.rmm.rsi;

import org.micasim.rmm.realm.Rd;

/**
 * Produces a realm's CCA attestation token (tag 399 wrapping the platform token and the realm token
 * signed with the RAK) for a challenge. Installed at boot when the platform provides attestation.
 */
@FunctionalInterface
public interface RealmTokenIssuer {
    /** The complete CCA token for {@code rd}'s current measurements and {@code challenge} (64 bytes). */
    byte[] issue(Rd rd, byte[] challenge);
}
