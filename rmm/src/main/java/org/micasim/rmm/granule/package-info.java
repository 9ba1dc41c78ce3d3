/**
 * Granule bookkeeping: state and reference count of every delegable 4 KiB granule.
 *
 * <p>Invariants (TF-RMM {@code granule_types.h}): a DELEGATED granule holds only zeros; a granule
 * changes state only with refcount 0; RD refcount = number of RECs, RTT refcount = entries that are
 * TABLE or protected ASSIGNED, REC refcount = 1 while it runs.
 *
 * <p>Threading: every descriptor carries TF-RMM's bit lock. RMI commands lock the granules they name in
 * ascending PA order and RTTs from the root down; docs/abi.md ("Concurrency") gives the whole order.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §A2.2 (granules), §B3 (address predicates).
 */
package org.micasim.rmm.granule;
