/**
 * Realm Translation Tables: stage-2 descriptors in their architectural bits, the RTT geometry, and
 * walks over the tables as they sit in Realm memory.
 *
 * <p>Invariants: an RTT granule's refcount counts its TABLE and protected ASSIGNED entries; ASSIGNED_NS
 * entries are not counted and do not make an RTT live. All accesses go through {@code FirmwareServices}
 * with the Realm PAS. The RMM's walks lock the tables hand over hand from the root (TF-RMM
 * {@code s2tt_walk_lock_unlock}); the hardware walker reads them without locks, as the MMU does.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §A5.5 (RTTs), §A5.2 (RIPAS); hw.md §2.
 */
package org.micasim.rmm.rtt;
