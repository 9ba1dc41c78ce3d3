package org.micasim.realms.workload.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small helpers for the pipelines' message formats (little-endian fixed headers, UTF-8 text). */
final class Messages {
    private Messages() {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Fails the realm program with a message naming the stage; the run reports it. */
    static IllegalStateException protocol(String stage, String what) {
        return new IllegalStateException(stage + ": " + what);
    }
}
