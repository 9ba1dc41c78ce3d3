package org.micasim.realms.workload.channel;

/**
 * The writing side of a one-way ring ({@link RingLayout}). It keeps its own copy of {@code head} and
 * reads only the consumer's {@code tail} from the shared region, checking it before use.
 */
public final class RingProducer {
    private final String name;
    private final ChannelMemory memory;
    private final long capacity;
    private long head;
    private long messages;
    private long waits;

    private RingProducer(String name, ChannelMemory memory) {
        this.name = name;
        this.memory = memory;
        this.capacity = memory.size() - RingLayout.HEADER_BYTES;
    }

    /**
     * Formats {@code memory} as an empty ring and returns its producer. The identity word is stored last
     * so that a consumer that sees the magic sees a complete header.
     */
    public static RingProducer create(String name, ChannelMemory memory) {
        if (memory.size() < RingLayout.MIN_REGION_BYTES || memory.size() - RingLayout.HEADER_BYTES > 0x7FFF_FFFFL) {
            throw new IllegalArgumentException(String.format("ring %s: a region of 0x%x bytes cannot hold a ring (0x%x..0x%x)",
                    name, memory.size(), RingLayout.MIN_REGION_BYTES, 0x7FFF_FFFFL + RingLayout.HEADER_BYTES));
        }
        RingProducer p = new RingProducer(name, memory);
        memory.store64(RingLayout.GEOMETRY_OFFSET, RingLayout.geometryWord(p.capacity, 0));
        memory.store64(RingLayout.HEAD_OFFSET, 0);
        memory.store64(RingLayout.TAIL_OFFSET, 0);
        memory.store64(RingLayout.IDENTITY_OFFSET, RingLayout.identityWord());
        return p;
    }

    public String name() {
        return name;
    }

    /** The largest message fragment one record carries. */
    public int maxRecordPayload() {
        return RingLayout.maxRecordPayload(capacity);
    }

    /**
     * Writes one record if all of it fits now; returns false (writing nothing) if the ring is too full.
     *
     * @param more whether more fragments of the same message follow this one
     */
    public boolean offerRecord(byte[] src, int off, int len, boolean more) {
        if (len < 0 || len > maxRecordPayload()) {
            throw new IllegalArgumentException("ring " + name + ": a record carries 0.." + maxRecordPayload() + " bytes, got " + len);
        }
        long used = head - checkedTail();
        long need = RingLayout.RECORD_HEADER_BYTES + (long) len;
        if (need > capacity - used) {
            return false;
        }
        int word = len | (more ? RingLayout.MORE_FRAGMENTS : 0);
        byte[] w = {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)};
        writeWrapped(head, w, 0, w.length);
        writeWrapped(head + RingLayout.RECORD_HEADER_BYTES, src, off, len);
        head += need;
        memory.store64(RingLayout.HEAD_OFFSET, head);
        return true;
    }

    /**
     * Sends a whole message, split into as many records as it needs, waiting on {@code waiter} whenever
     * the ring is full.
     */
    public void send(byte[] message, RingWaiter waiter) {
        int max = maxRecordPayload();
        int off = 0;
        do {
            int len = Math.min(max, message.length - off);
            boolean more = off + len < message.length;
            while (!offerRecord(message, off, len, more)) {
                waits++;
                waiter.await("ring " + name + " is full");
            }
            off += len;
        } while (off < message.length);
        messages++;
    }

    /** Marks the ring closed: the consumer sees end-of-stream once it has read everything before it. */
    public void close() {
        memory.store64(RingLayout.GEOMETRY_OFFSET, RingLayout.geometryWord(capacity, RingLayout.FLAG_CLOSED));
    }

    /** Total bytes written into the data area (record words included). */
    public long bytesWritten() {
        return head;
    }

    public long messagesSent() {
        return messages;
    }

    /** How many times a send found the ring full. */
    public long fullWaits() {
        return waits;
    }

    private long checkedTail() {
        long tail = memory.load64(RingLayout.TAIL_OFFSET);
        if (tail > head || head - tail > capacity) {
            throw new CorruptRingException(String.format(
                    "ring %s: consumer tail 0x%x is impossible with head 0x%x and capacity 0x%x", name, tail, head, capacity));
        }
        return tail;
    }

    private void writeWrapped(long position, byte[] src, int off, int len) {
        int at = (int) (position % capacity);
        int first = (int) Math.min(len, capacity - at);
        if (first > 0) {
            memory.store(RingLayout.HEADER_BYTES + at, src, off, first);
        }
        if (len > first) {
            memory.store(RingLayout.HEADER_BYTES, src, off + first, len - first);
        }
    }
}
