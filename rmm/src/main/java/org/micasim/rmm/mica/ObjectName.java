package org.micasim.rmm.mica;

import java.nio.charset.StandardCharsets;

/**
 * The 4-byte {@code char name[4]} of a VM, MEM or CF record (mica.md §4.5), kept as the little-endian
 * u32 of those bytes so that names compare exactly as the RMM compares them (memcmp of 4 bytes).
 *
 * @param raw the four name bytes, byte 0 in bits 7:0
 */
public record ObjectName(int raw) {

    /** The name of up to 4 ASCII characters, zero-padded ("VM1" is 'V','M','1',0). */
    public static ObjectName of(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length > 4) {
            throw new IllegalArgumentException("a policy name has at most 4 characters: " + text);
        }
        int raw = 0;
        for (int i = 0; i < b.length; i++) {
            raw |= (b[i] & 0xFF) << (8 * i);
        }
        return new ObjectName(raw);
    }

    /** The printable name: the bytes up to the first zero, non-printable bytes as {@code \xNN}. */
    public String text() {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = (raw >>> (8 * i)) & 0xFF;
            if (c == 0) {
                break;
            }
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
