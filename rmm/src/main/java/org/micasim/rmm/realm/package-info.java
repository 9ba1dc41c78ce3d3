/**
 * Realms: the Realm Descriptor, realm lifecycle states, VMID allocation and the lifecycle extension hook.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §A2.1.
 */
package org.micasim.rmm.realm;
