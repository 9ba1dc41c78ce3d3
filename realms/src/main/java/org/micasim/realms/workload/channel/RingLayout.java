package org.micasim.realms.workload.channel;

/**
 * The byte layout of a one-way ring in a channel region. Each 8-byte header word has exactly one
 * writer, so the two sides never need an atomic read-modify-write: the producer owns the identity
 * word, the geometry word and {@code head}; the consumer owns {@code tail}. The 32-byte header matches
 * the published video-moderation rings (a 256 KiB ring carries at most 256 KiB - 32 bytes of payload).
 *
 * <pre>
 *  offset size  writer    field
 *   0     u32   producer  magic 0x474e524d ("MRNG" little-endian)
 *   4     u16   producer  version (1)
 *   6     u16   producer  header size (32)
 *   8     u32   producer  capacity: bytes of the data area (region size - 32)
 *  12     u32   producer  flags: bit 0 = closed (the producer will send nothing more)
 *  16     u64   producer  head: total bytes ever written into the data area
 *  24     u64   consumer  tail: total bytes ever consumed from the data area
 *  32     capacity bytes  data area, used as a circular byte stream of records
 * </pre>
 *
 * A record is a u32 word (bit 31 = more fragments of the same message follow; bits 30..0 = payload
 * length) followed by the payload, both wrapping around the end of the data area. The ring is empty
 * when {@code head == tail} and holds {@code head - tail} bytes; a producer writes a record only when
 * all of it fits, publishing it by storing {@code head} after the bytes, and the consumer frees it by
 * storing {@code tail} after reading.
 */
public final class RingLayout {
    /** "MRNG" read as a little-endian u32. */
    public static final int MAGIC = 0x474e_524d;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final int IDENTITY_OFFSET = 0;
    public static final int GEOMETRY_OFFSET = 8;
    public static final int HEAD_OFFSET = 16;
    public static final int TAIL_OFFSET = 24;
    /** Bytes of a record's length word. */
    public static final int RECORD_HEADER_BYTES = 4;
    /** Bit 31 of a record word: more fragments of this message follow. */
    public static final int MORE_FRAGMENTS = 0x8000_0000;
    /** Flags bit 0: the producer has closed the ring. */
    public static final int FLAG_CLOSED = 1;
    /** The smallest region that holds the header and one record of one byte. */
    public static final int MIN_REGION_BYTES = HEADER_BYTES + 64;

    private RingLayout() {
    }

    /** The identity word: magic, version, header size. */
    static long identityWord() {
        return (MAGIC & 0xFFFF_FFFFL) | ((long) VERSION << 32) | ((long) HEADER_BYTES << 48);
    }

    /** The geometry word: capacity and flags. */
    static long geometryWord(long capacity, int flags) {
        return capacity | ((flags & 0xFFFF_FFFFL) << 32);
    }

    /** The payload capacity of one record in a ring of {@code capacity} data bytes. */
    public static int maxRecordPayload(long capacity) {
        return (int) Math.min(capacity - RECORD_HEADER_BYTES, 0x7FFF_FFFF);
    }
}
