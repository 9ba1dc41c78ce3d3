package org.micasim.rmm.abi;

/**
 * Offsets of the structures the RMM writes into or reads from realm memory for RSI commands.
 *
 * @spec Arm DEN0137 1.0-rel0 §B5.4.4 RsiHostCall, §B5.4.8 RsiRealmConfig (rmm.md §6.4, §6.5)
 */
public final class RsiLayouts {
    /** RsiHostCall size; the structure must be 256-byte aligned in the realm's IPA space. */
    public static final int HOST_CALL_SIZE = 0x100;
    public static final int HOST_CALL_OFFSET_IMM = 0x00;
    public static final int HOST_CALL_OFFSET_GPRS = 0x08;
    public static final int HOST_CALL_NUM_GPRS = 31;

    /** RsiRealmConfig size (one granule). */
    public static final int REALM_CONFIG_SIZE = 0x1000;
    public static final int REALM_CONFIG_OFFSET_IPA_WIDTH = 0x000;
    public static final int REALM_CONFIG_OFFSET_HASH_ALGO = 0x008;
    public static final int REALM_CONFIG_OFFSET_RPV = 0x200;

    /** RSI_IPA_STATE_SET flags bit 0: RSI_CHANGE_DESTROYED. */
    public static final long IPA_STATE_SET_FLAG_CHANGE_DESTROYED = 1L;
    /** RsiResponse: the host accepted the RIPAS change. */
    public static final long RSI_ACCEPT = 0;
    /** RsiResponse: the host rejected the RIPAS change. */
    public static final long RSI_REJECT = 1;

    private RsiLayouts() {
    }
}
