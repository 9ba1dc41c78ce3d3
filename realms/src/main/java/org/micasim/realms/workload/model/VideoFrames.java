package org.micasim.realms.workload.model;

/**
 * Synthetic video for the moderation ring: RGB frames whose content is a pure function of (seed, frame
 * index), an encoder (delta against the previous frame, then run-length coding) and a checker that
 * decodes and measures the share of skin-tone pixels. Every few frames carry a large skin-tone patch,
 * which the checker flags.
 */
public final class VideoFrames {
    /** Modelled encoder instructions per raw frame byte. */
    public static final long ENCODE_INSTRUCTIONS_PER_BYTE = 6;
    /** Modelled checker instructions per raw frame byte (decode plus colour test). */
    public static final long CHECK_INSTRUCTIONS_PER_BYTE = 8;
    /** Flag a frame when more than this share (per mille) of its pixels are skin-tone. */
    public static final int FLAG_PER_MILLE = 150;

    private VideoFrames() {
    }

    /** Frame {@code index} of a {@code width} x {@code height} RGB stream. */
    public static byte[] frame(long seed, int index, int width, int height) {
        byte[] f = new byte[width * height * 3];
        boolean patch = Long.remainderUnsigned(seed + index, 4) == 3;
        int px = (int) Long.remainderUnsigned(seed * 31 + index * 7L, Math.max(1, width / 2));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean skin = patch && x >= px && x < px + width / 2 && y >= height / 4 && y < height * 3 / 4;
                if (skin) {
                    f[i] = (byte) 224;
                    f[i + 1] = (byte) 172;
                    f[i + 2] = (byte) 140;
                } else {
                    f[i] = (byte) ((x * 4 + index) & 0x3F);
                    f[i + 1] = (byte) ((y * 4) & 0x7F);
                    f[i + 2] = (byte) (128 + ((x + y + index) & 0x7F));
                }
            }
        }
        return f;
    }

    /**
     * Encodes {@code frame} against {@code previous} (or zeros): XOR delta, then runs of (count, byte)
     * pairs with counts 1..255.
     */
    public static byte[] encode(byte[] frame, byte[] previous) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(frame.length / 4);
        int i = 0;
        while (i < frame.length) {
            byte d = delta(frame, previous, i);
            int run = 1;
            while (i + run < frame.length && run < 255 && delta(frame, previous, i + run) == d) {
                run++;
            }
            out.write(run);
            out.write(d);
            i += run;
        }
        return out.toByteArray();
    }

    /** Inverse of {@link #encode}; throws on a malformed stream. */
    public static byte[] decode(byte[] encoded, byte[] previous, int length) {
        if (encoded.length % 2 != 0) {
            throw new IllegalArgumentException("encoded frame has an odd length " + encoded.length);
        }
        byte[] f = new byte[length];
        int at = 0;
        for (int i = 0; i < encoded.length; i += 2) {
            int run = encoded[i] & 0xFF;
            if (run == 0 || at + run > length) {
                throw new IllegalArgumentException("encoded frame overruns " + length + " bytes");
            }
            for (int k = 0; k < run; k++, at++) {
                f[at] = (byte) (encoded[i + 1] ^ (previous == null ? 0 : previous[at]));
            }
        }
        if (at != length) {
            throw new IllegalArgumentException("encoded frame decodes to " + at + " bytes, not " + length);
        }
        return f;
    }

    /** Share of skin-tone pixels, per mille. */
    public static int skinPerMille(byte[] frame) {
        int pixels = frame.length / 3;
        int skin = 0;
        for (int i = 0; i + 2 < frame.length; i += 3) {
            int r = frame[i] & 0xFF;
            int g = frame[i + 1] & 0xFF;
            int b = frame[i + 2] & 0xFF;
            if (r > 95 && g > 40 && b > 20 && r > g && r > b && r - Math.min(g, b) > 15) {
                skin++;
            }
        }
        return pixels == 0 ? 0 : skin * 1000 / pixels;
    }

    private static byte delta(byte[] frame, byte[] previous, int i) {
        return (byte) (frame[i] ^ (previous == null ? 0 : previous[i]));
    }
}
