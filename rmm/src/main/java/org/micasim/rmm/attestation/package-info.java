/**
 * CCA attestation (RMM 1.0 A7.2): the Realm Attestation Key, realm and platform claims, COSE_Sign1 with
 * ES384, the CCA token issuer the RMM uses, the seeded simulated platform root of trust, a relying-party
 * verifier, and the aggregates of Mica group tokens. CBOR through jackson-dataformat-cbor, cryptography
 * through the JCA. See docs/attestation.md.
 */
package org.micasim.rmm.attestation;
