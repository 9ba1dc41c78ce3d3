package org.micasim.realms.cli.script;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The literal forms of a script: values (decimal or 0x-hex, optionally negative, 64-bit two's complement)
 * and HEXBYTES (hex digit pairs in memory order). Problems come with the offset of the offending character.
 */
final class ScriptNumbers {
    private ScriptNumbers() {}

    /** What is wrong with a literal and where, as an offset into the token. */
    record Problem(int offset, String message) {}

    /** The value of a decimal or 0x-hex literal, or empty if {@code text} is not one. */
    static OptionalLong parse(String text) {
        return problem(text).isPresent() || !looksNumeric(text) ? OptionalLong.empty() : OptionalLong.of(value(text));
    }

    /** True for text a reader would take for a number: an optional minus, then a digit. */
    static boolean looksNumeric(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        return i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80;
    }

    /** Why a numeric-looking text is not a valid value; empty when it is valid or does not look numeric. */
    static Optional<Problem> problem(String text) {
        if (!looksNumeric(text)) {
            return Optional.empty();
        }
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        boolean hex = text.startsWith("0x", start) || text.startsWith("0X", start);
        int digits = hex ? start + 2 : start;
        if (digits == text.length()) {
            return Optional.of(new Problem(0, "expected hex digits after '0x' in " + Token.quote(text)));
        }
        for (int i = digits; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hex ? Character.digit(c, 16) < 0 || c >= 0x80 : c < '0' || c > '9') {
                return Optional.of(new Problem(i, (hex ? "expected a hex digit" : "expected a decimal digit (write hex as 0x...)")
                        + " in " + Token.quote(text) + ", got " + Token.quote(String.valueOf(c))));
            }
        }
        String body = text.substring(digits);
        BigInteger magnitude = new BigInteger(body, hex ? 16 : 10);
        BigInteger limit = negative ? BigInteger.ONE.shiftLeft(63)
                : BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        if (magnitude.compareTo(limit) > 0) {
            return Optional.of(new Problem(0, Token.quote(text) + " does not fit in 64 bits"));
        }
        return Optional.empty();
    }

    private static long value(String text) {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        boolean hex = text.startsWith("0x", start) || text.startsWith("0X", start);
        long magnitude = Long.parseUnsignedLong(text.substring(hex ? start + 2 : start), hex ? 16 : 10);
        return negative ? -magnitude : magnitude;
    }

    /** Why a token is not HEXBYTES (an even number of hex digits, no 0x); empty when it is. */
    static Optional<Problem> hexBytesProblem(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return Optional.of(new Problem(0, "HEXBYTES are written without 0x; expected hex digit pairs in"
                    + " memory order (e.g. efbeadde for the little-endian 32-bit value 0xdeadbeef)"));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 || c >= 0x80) {
                return Optional.of(new Problem(i, "expected a hex digit in HEXBYTES " + Token.quote(text) + ", got "
                        + Token.quote(String.valueOf(c))));
            }
        }
        if (text.length() % 2 != 0) {
            return Optional.of(new Problem(0, "odd number of hex digits in " + Token.quote(text)
                    + "; expected two digits per byte"));
        }
        return Optional.empty();
    }
}
