package org.micasim.rmm.abi;

/**
 * RmiRttEntryState: the state RMI_RTT_READ_ENTRY reports (the NS states fold into UNASSIGNED/ASSIGNED).
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.21 RmiRttEntryState
 */
public enum RmiRttEntryState {
    /** UNASSIGNED or UNASSIGNED_NS. */
    RMI_UNASSIGNED(0),
    /** ASSIGNED or ASSIGNED_NS. */
    RMI_ASSIGNED(1),
    /** TABLE. */
    RMI_TABLE(2);

    private final int code;

    RmiRttEntryState(int code) {
        this.code = code;
    }

    /** The encoding in X2 of RTT_READ_ENTRY. */
    public int code() {
        return code;
    }
}
