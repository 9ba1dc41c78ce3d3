package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RmiRipas / RsiRipas: the Realm IPA state of a protected IPA.
 *
 * @spec Arm DEN0137 1.0-rel0 §A5.2.2 (RIPAS), §B4.4.13 RmiRipas, §B5.4.9 RsiRipas
 */
public enum RmiRipas {
    /** Not usable by the realm; an access causes a synchronous external abort. */
    EMPTY(0),
    /** Usable realm memory. */
    RAM(1),
    /** Was RAM and was destroyed by the host; an access causes a REC exit. */
    DESTROYED(2);

    /** By code (values() would copy the array on every decode). */
    private static final RmiRipas[] BY_CODE = values();

    private final int code;

    RmiRipas(int code) {
        this.code = code;
    }

    /** The encoding. */
    public int code() {
        return code;
    }

    /** The RIPAS with this code. */
    public static Optional<RmiRipas> fromCode(long code) {
        return code >= 0 && code <= 2 ? Optional.of(BY_CODE[(int) code]) : Optional.empty();
    }
}
