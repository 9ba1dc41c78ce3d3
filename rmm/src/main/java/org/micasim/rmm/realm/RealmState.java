package org.micasim.rmm.realm;

/**
 * RmmRealmState.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.1.5 (realm lifecycle)
 */
public enum RealmState {
    /** Under construction: DATA_CREATE, REC_CREATE and RTT_INIT_RIPAS allowed, not runnable. */
    REALM_NEW(0),
    /** Activated: RECs may run. */
    REALM_ACTIVE(1),
    /** The realm called PSCI_SYSTEM_OFF or SYSTEM_RESET; it can never run again. */
    REALM_SYSTEM_OFF(2);

    private final int encoding;

    RealmState(int encoding) {
        this.encoding = encoding;
    }

    public int encoding() {
        return encoding;
    }
}
