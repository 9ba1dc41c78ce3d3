package org.micasim.realms.workload.channel;

import java.io.ByteArrayOutputStream;

/**
 * The reading side of a one-way ring ({@link RingLayout}). It trusts nothing in the shared region: the
 * capacity comes from its own view of the region, and every header word and record length is checked
 * against it before use.
 */
public final class RingConsumer {
    private final String name;
    private final ChannelMemory memory;
    private final long capacity;
    private long tail;
    private long messages;
    private long waits;

    public RingConsumer(String name, ChannelMemory memory) {
        if (memory.size() < RingLayout.MIN_REGION_BYTES) {
            throw new IllegalArgumentException(String.format("ring %s: a region of 0x%x bytes cannot hold a ring", name, memory.size()));
        }
        this.name = name;
        this.memory = memory;
        this.capacity = memory.size() - RingLayout.HEADER_BYTES;
    }

    public String name() {
        return name;
    }

    /** One record read from the ring. */
    public record Fragment(byte[] payload, boolean more) {
    }

    /**
     * Whether the producer has formatted the ring. Before that the region reads as zeros (or, in a realm
     * whose policy is not yet active, as its dummy page).
     */
    public boolean ready() {
        long identity = memory.load64(RingLayout.IDENTITY_OFFSET);
        if (identity == 0) {
            return false;
        }
        if (identity != RingLayout.identityWord()) {
            throw new CorruptRingException(String.format("ring %s: header word 0x%016x is not a version %d ring",
                    name, identity, RingLayout.VERSION));
        }
        long geometry = memory.load64(RingLayout.GEOMETRY_OFFSET);
        if ((geometry & 0xFFFF_FFFFL) != capacity) {
            throw new CorruptRingException(String.format("ring %s: producer claims capacity 0x%x but the region holds 0x%x",
                    name, geometry & 0xFFFF_FFFFL, capacity));
        }
        return true;
    }

    /** Reads one record if one is there; null if the ring is empty or not yet formatted. */
    public Fragment pollRecord() {
        if (!ready()) {
            return null;
        }
        long head = memory.load64(RingLayout.HEAD_OFFSET);
        if (head < tail || head - tail > capacity) {
            throw new CorruptRingException(String.format(
                    "ring %s: producer head 0x%x is impossible with tail 0x%x and capacity 0x%x", name, head, tail, capacity));
        }
        long available = head - tail;
        if (available == 0) {
            return null;
        }
        if (available < RingLayout.RECORD_HEADER_BYTES) {
            throw new CorruptRingException("ring " + name + ": " + available + " bytes published, less than a record word");
        }
        byte[] w = new byte[RingLayout.RECORD_HEADER_BYTES];
        readWrapped(tail, w, 0, w.length);
        int word = (w[0] & 0xFF) | (w[1] & 0xFF) << 8 | (w[2] & 0xFF) << 16 | (w[3] & 0xFF) << 24;
        int len = word & ~RingLayout.MORE_FRAGMENTS;
        if (RingLayout.RECORD_HEADER_BYTES + (long) len > available) {
            throw new CorruptRingException(String.format("ring %s: record of %d bytes but only %d published", name, len, available));
        }
        byte[] payload = new byte[len];
        readWrapped(tail + RingLayout.RECORD_HEADER_BYTES, payload, 0, len);
        tail += RingLayout.RECORD_HEADER_BYTES + len;
        memory.store64(RingLayout.TAIL_OFFSET, tail);
        return new Fragment(payload, (word & RingLayout.MORE_FRAGMENTS) != 0);
    }

    /** Whether the producer closed the ring and everything it wrote has been read. */
    public boolean finished() {
        if (!ready()) {
            return false;
        }
        long geometry = memory.load64(RingLayout.GEOMETRY_OFFSET);
        boolean closed = ((geometry >>> 32) & RingLayout.FLAG_CLOSED) != 0;
        return closed && memory.load64(RingLayout.HEAD_OFFSET) == tail;
    }

    /**
     * Receives one whole message, reassembling its fragments and waiting on {@code waiter} while the ring
     * is empty; returns null if the producer closed the ring before a new message began.
     */
    public byte[] receive(RingWaiter waiter) {
        ByteArrayOutputStream message = null;
        while (true) {
            Fragment f = pollRecord();
            if (f == null) {
                if (finished()) {
                    if (message != null) {
                        throw new CorruptRingException("ring " + name + ": closed in the middle of a message");
                    }
                    return null;
                }
                waits++;
                waiter.await("ring " + name + " is empty");
                continue;
            }
            if (message == null) {
                message = new ByteArrayOutputStream(f.payload().length);
            }
            message.write(f.payload(), 0, f.payload().length);
            if (!f.more()) {
                messages++;
                return message.toByteArray();
            }
        }
    }

    /** Total bytes consumed from the data area (record words included). */
    public long bytesRead() {
        return tail;
    }

    public long messagesReceived() {
        return messages;
    }

    /** How many times a receive found the ring empty. */
    public long emptyWaits() {
        return waits;
    }

    private void readWrapped(long position, byte[] dst, int off, int len) {
        int at = (int) (position % capacity);
        int first = (int) Math.min(len, capacity - at);
        if (first > 0) {
            memory.load(RingLayout.HEADER_BYTES + at, dst, off, first);
        }
        if (len > first) {
            memory.load(RingLayout.HEADER_BYTES, dst, off + first, len - first);
        }
    }
}
