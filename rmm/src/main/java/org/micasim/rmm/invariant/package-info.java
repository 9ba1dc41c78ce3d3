/**
 * An invariant checker over a booted RMM and the machine it runs on, meant to run between calls (after
 * every RMI call in the fuzzer and in tests). It only reads: the RMM's bookkeeping through read-only
 * accessors, RTTs and granule contents through a side-effect-free physical view, and the GPT by walking
 * it. It charges no cycles and creates no granule descriptors.
 *
 * <p>Invariants (rmm.md §5, TF-RMM {@code granule_types.h}, issue 8): the GPT and the granule states
 * agree; a DELEGATED granule holds only zeros, and so does a granule just returned to the host;
 * reference counts equal the real number of references; every RTT is reachable from exactly one realm's
 * roots exactly once; every DATA granule is mapped by exactly one protected RTT entry (Mica shares are not
 * yet modelled here); entry states match the IPA half they cover; RECs, REC_AUX granules and RDs belong
 * to live objects; VMIDs are unique; realm states only move forward and the RIM never changes after
 * activation; no granule lock is held (a command that returned without releasing one would leave it).
 *
 * <p>{@link org.micasim.rmm.invariant.InvariantChecker#check} closes the RMM's quiesce gate while it
 * reads, so it may be called while other PEs issue RMI calls: it waits for those in flight and holds new
 * ones back.
 */
package org.micasim.rmm.invariant;
