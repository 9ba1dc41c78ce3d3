package org.micasim.realms.workload;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;

/**
 * The host's non-blocking end of a host channel: a queue of messages to send, fragmented and resumed as
 * the ring drains, and reassembly of what the realm sends. The host must never wait for a realm (it
 * schedules them), so nothing here blocks.
 */
public final class HostEndpoint {
    private final Deque<byte[]> outgoing = new ArrayDeque<>();
    private int sentOfHead;
    private boolean closeWhenDrained;
    private boolean closed;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Deque<byte[]> incoming = new ArrayDeque<>();
    private boolean peerFinished;

    /** Queues {@code message} for the realm. */
    public void queue(byte[] message) {
        if (closeWhenDrained) {
            throw new IllegalStateException("the host already closed this channel");
        }
        outgoing.add(message);
    }

    /** Closes the host-to-realm ring once everything queued has been sent. */
    public void closeWhenDrained() {
        closeWhenDrained = true;
    }

    /** Sends and receives what it can. */
    public void pump(RingProducer toRealm, RingConsumer fromRealm) {
        while (!outgoing.isEmpty()) {
            byte[] m = outgoing.peek();
            int len = Math.min(toRealm.maxRecordPayload(), m.length - sentOfHead);
            boolean more = sentOfHead + len < m.length;
            if (!toRealm.offerRecord(m, sentOfHead, len, more)) {
                break;
            }
            sentOfHead += len;
            if (!more) {
                outgoing.poll();
                sentOfHead = 0;
            }
        }
        if (outgoing.isEmpty() && closeWhenDrained && !closed) {
            toRealm.close();
            closed = true;
        }
        RingConsumer.Fragment f;
        while ((f = fromRealm.pollRecord()) != null) {
            partial.write(f.payload(), 0, f.payload().length);
            if (!f.more()) {
                incoming.add(partial.toByteArray());
                partial.reset();
            }
        }
        peerFinished = fromRealm.finished();
    }

    /** The next whole message from the realm, or null. */
    public byte[] poll() {
        return incoming.poll();
    }

    /** Whether the realm closed its ring and every message has been taken. */
    public boolean peerDone() {
        return peerFinished && incoming.isEmpty();
    }

    /** Whether everything queued has been sent. */
    public boolean drained() {
        return outgoing.isEmpty();
    }
}
