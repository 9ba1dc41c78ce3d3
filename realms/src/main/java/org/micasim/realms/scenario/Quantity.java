package org.micasim.realms.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A non-negative size or address in a scenario file: a JSON integer, or a string holding a decimal or
 * {@code 0x} hexadecimal integer, optionally with a binary unit ({@code KiB}, {@code MiB}, {@code GiB}),
 * as in {@code "0x18000000000"} or {@code "256KiB"}.
 */
public record Quantity(long value) {
    public Quantity {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative, got " + value);
        }
    }

    @JsonCreator
    static Quantity fromJson(Object json) {
        if (json instanceof Number n) {
            if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
                throw new IllegalArgumentException("must be an integer, got " + n);
            }
            return new Quantity(n.longValue());
        }
        if (json instanceof String s) {
            return parse(s);
        }
        throw new IllegalArgumentException("must be an integer or a string such as \"0x2000\" or \"256KiB\"");
    }

    /** Parses the string form. */
    public static Quantity parse(String text) {
        String s = text.trim();
        long unit = 1;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("kib")) {
            unit = 1L << 10;
        } else if (lower.endsWith("mib")) {
            unit = 1L << 20;
        } else if (lower.endsWith("gib")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 3).trim();
        }
        try {
            long v = lower.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2).replace("_", ""), 16)
                    : Long.parseLong(s.replace("_", ""));
            return new Quantity(Math.multiplyExact(v, unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size or address (examples: 8192, \"0x2000\", \"256KiB\")");
        }
    }

    @JsonValue
    Object json() {
        return value < 4096 ? (Object) value : "0x" + Long.toHexString(value);
    }

    @Override
    public String toString() {
        return value < 4096 ? Long.toString(value) : "0x" + Long.toHexString(value);
    }
}
