package org.micasim.realms.workload.channel;

/**
 * The bytes of one channel region as one side sees them, addressed by offset from the region's base. A
 * realm reaches them through its stage-2 mapping (loads and stores by IPA), the host through its
 * Non-secure physical memory; the ring format above does not care which.
 */
public interface ChannelMemory {
    /** Size of the region in bytes. */
    long size();

    /** Loads 8 bytes, little-endian, at {@code offset} (8-byte aligned). */
    long load64(long offset);

    /** Stores 8 bytes, little-endian, at {@code offset} (8-byte aligned). */
    void store64(long offset, long value);

    /** Loads {@code len} bytes at {@code offset} into {@code dst[off..]}. */
    void load(long offset, byte[] dst, int off, int len);

    /** Stores {@code src[off..off+len)} at {@code offset}. */
    void store(long offset, byte[] src, int off, int len);

    /** The sub-region {@code [offset, offset+length)} as a region of its own. */
    default ChannelMemory slice(long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length > size()) {
            throw new IllegalArgumentException(String.format(
                    "slice [0x%x, 0x%x) is outside a region of 0x%x bytes", offset, offset + length, size()));
        }
        ChannelMemory outer = this;
        return new ChannelMemory() {
            @Override
            public long size() {
                return length;
            }

            @Override
            public long load64(long o) {
                return outer.load64(offset + o);
            }

            @Override
            public void store64(long o, long value) {
                outer.store64(offset + o, value);
            }

            @Override
            public void load(long o, byte[] dst, int off, int len) {
                outer.load(offset + o, dst, off, len);
            }

            @Override
            public void store(long o, byte[] src, int off, int len) {
                outer.store(offset + o, src, off, len);
            }
        };
    }
}
