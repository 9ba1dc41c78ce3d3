/**
 * Realm Initial Measurement and Realm Extensible Measurements: descriptor layouts and hashing (JCA
 * SHA-256/SHA-512). Stateless; each realm's slots live in its {@code Rd}.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §A7.1, §B4.4 (measurement descriptors).
 */
package org.micasim.rmm.measurement;
