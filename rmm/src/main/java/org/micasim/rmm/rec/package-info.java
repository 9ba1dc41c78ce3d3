/**
 * Realm Execution Contexts: per-REC state (runnability, pending PSCI, RIPAS change, host call,
 * attestation), MPIDR rules, and the exit extension hook.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §A2.3, §A4.3 (realm exits).
 */
package org.micasim.rmm.rec;
