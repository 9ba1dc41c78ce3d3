package org.micasim.rmm.abi;

import java.util.Optional;

/**
 * RmiCommandReturnCode: an RMI status with its index, packed into X0 as status[7:0] | index[15:8].
 *
 * @spec Arm DEN0137 1.0-rel0 §B4.4.2 RmiCommandReturnCode
 */
public record RmiReturn(RmiStatus status, int index) {
    /** The successful return, X0 = 0. */
    public static final RmiReturn SUCCESS = new RmiReturn(RmiStatus.RMI_SUCCESS, 0);

    public RmiReturn {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (index < 0 || index > 0xFF) {
            throw new IllegalArgumentException("index must be 0..255, got " + index);
        }
    }

    /** A return with index 0. */
    public static RmiReturn of(RmiStatus status) {
        return new RmiReturn(status, 0);
    }

    /** X0 for this return: status | index &lt;&lt; 8, bits 63:16 zero. */
    public long pack() {
        return status.code() | ((long) index << 8);
    }

    /** Decodes X0; empty if bits 63:16 are set or the status code is not an RMI 1.0 status. */
    public static Optional<RmiReturn> unpack(long x0) {
        if ((x0 & ~0xFFFFL) != 0) {
            return Optional.empty();
        }
        return RmiStatus.fromCode((int) (x0 & 0xFF)).map(s -> new RmiReturn(s, (int) ((x0 >> 8) & 0xFF)));
    }

    /**
     * The printable form: the status name, followed by {@code (index)} for RMI_ERROR_RTT (whose index is
     * always meaningful) and for any other status with a non-zero index, e.g. {@code RMI_ERROR_RTT(2)}.
     */
    @Override
    public String toString() {
        boolean showIndex = status == RmiStatus.RMI_ERROR_RTT || index != 0;
        return showIndex ? status.name() + "(" + index + ")" : status.name();
    }

    /**
     * Formats any X0 an RMI call may return: a packed status as in {@link #toString()},
     * {@code SMC_NOT_SUPPORTED} for -1, otherwise the raw value in hex.
     */
    public static String format(long x0) {
        if (x0 == SmcFid.SMC_NOT_SUPPORTED) {
            return "SMC_NOT_SUPPORTED";
        }
        return unpack(x0).map(RmiReturn::toString).orElse(String.format("0x%x", x0));
    }

    /**
     * Parses the printable form ({@code RMI_SUCCESS}, {@code RMI_ERROR_RTT(2)}); empty if malformed.
     * Without an explicit index the index is 0.
     */
    public static Optional<RmiReturn> parse(String text) {
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open);
        int index = 0;
        if (open >= 0) {
            if (!text.endsWith(")")) {
                return Optional.empty();
            }
            try {
                index = Integer.parseInt(text.substring(open + 1, text.length() - 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (index < 0 || index > 0xFF) {
                return Optional.empty();
            }
        }
        int idx = index;
        return RmiStatus.byName(name).map(s -> new RmiReturn(s, idx));
    }
}
