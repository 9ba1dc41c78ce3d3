package org.micasim.policy.ast;

import java.math.BigInteger;

/** How values are spelled in policy source and in messages. */
public final class Literals {
    private Literals() {}

    /** {@code s} in double quotes, with quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** {@code 0x...} in lower case, the way policies write addresses and sizes. */
    public static String hex(BigInteger value) {
        return value.signum() < 0 ? "-0x" + value.negate().toString(16) : "0x" + value.toString(16);
    }

    public static String hex(long unsigned) {
        return "0x" + Long.toHexString(unsigned);
    }
}
