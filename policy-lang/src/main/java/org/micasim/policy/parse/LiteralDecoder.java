package org.micasim.policy.parse;

import java.math.BigInteger;

/** Decoding of string and integer literal tokens. */
final class LiteralDecoder {
    private LiteralDecoder() {}

    /** The value of a STRING token (quotes included in {@code token}); escapes are decoded. */
    static String unquote(String token) {
        StringBuilder out = new StringBuilder(token.length());
        int end = token.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = token.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = token.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(token.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    /** The value of an INT token: decimal or 0x-hex, optionally negative. */
    static BigInteger integer(String token) {
        boolean negative = token.startsWith("-");
        String digits = negative ? token.substring(1) : token;
        BigInteger magnitude = digits.length() > 2 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')
                ? new BigInteger(digits.substring(2), 16)
                : new BigInteger(digits, 10);
        return negative ? magnitude.negate() : magnitude;
    }
}
