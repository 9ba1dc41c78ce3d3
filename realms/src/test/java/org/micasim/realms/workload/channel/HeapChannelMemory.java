package org.micasim.realms.workload.channel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A channel region in a Java array, for testing the ring format without a machine. */
final class HeapChannelMemory implements ChannelMemory {
    final byte[] bytes;
    private final ByteBuffer view;

    HeapChannelMemory(int size) {
        bytes = new byte[size];
        view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public long load64(long offset) {
        return view.getLong((int) offset);
    }

    @Override
    public void store64(long offset, long value) {
        view.putLong((int) offset, value);
    }

    @Override
    public void load(long offset, byte[] dst, int off, int len) {
        System.arraycopy(bytes, (int) offset, dst, off, len);
    }

    @Override
    public void store(long offset, byte[] src, int off, int len) {
        System.arraycopy(src, off, bytes, (int) offset, len);
    }
}
