/**
 * The Realm Management Monitor (RMM 1.0-REL0) as R-EL2 firmware of the simulated machine: {@link
 * org.micasim.rmm.Rmm} implements the simulator's {@code RealmFirmware}; {@link org.micasim.rmm.RmmState}
 * owns one instance's state; {@link org.micasim.rmm.RmmExtension} is how Mica plugs in.
 *
 * <p>The RMM reaches hardware only through {@code FirmwareServices}: GPC-checked memory, SMCs to EL3,
 * TLB maintenance, realm vCPUs and the event sink. Calls are served one at a time.
 */
package org.micasim.rmm;
