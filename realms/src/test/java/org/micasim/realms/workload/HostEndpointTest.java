package org.micasim.realms.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;

class HostEndpointTest {
    /** A region in a Java array. */
    private static ChannelMemory heap(int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        return new ChannelMemory() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public long load64(long o) {
                return b.getLong((int) o);
            }

            @Override
            public void store64(long o, long v) {
                b.putLong((int) o, v);
            }

            @Override
            public void load(long o, byte[] dst, int off, int len) {
                b.get((int) o, dst, off, len);
            }

            @Override
            public void store(long o, byte[] src, int off, int len) {
                b.put((int) o, src, off, len);
            }
        };
    }

    @Test
    void largeMessage_isSentInFragmentsAcrossPumpsWithoutBlocking() {
        ChannelMemory toRealm = heap(32 + 256);
        ChannelMemory fromRealm = heap(32 + 256);
        RingProducer hostTx = RingProducer.create("h->r", toRealm);
        RingConsumer hostRx = new RingConsumer("r->h", fromRealm);
        RingConsumer realmRx = new RingConsumer("h->r", toRealm);
        RingProducer realmTx = RingProducer.create("r->h", fromRealm);
        HostEndpoint end = new HostEndpoint();
        byte[] big = new byte[2000];
        new SplittableRandom(3).nextBytes(big);
        end.queue(big);
        end.closeWhenDrained();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        int pumps = 0;
        while (!end.drained() || !realmRx.finished()) {
            end.pump(hostTx, hostRx);
            pumps++;
            RingConsumer.Fragment f;
            while ((f = realmRx.pollRecord()) != null) {
                got.write(f.payload(), 0, f.payload().length);
            }
            assertTrue(pumps < 100, "the host makes progress every pump");
        }
        assertArrayEquals(big, got.toByteArray());
        assertTrue(pumps > 5, "2000 bytes need several pumps through a 256-byte ring");

        assertFalse(end.peerDone());
        realmTx.send(new byte[] {7, 8}, why -> {
            throw new AssertionError(why);
        });
        realmTx.close();
        end.pump(hostTx, hostRx);
        assertArrayEquals(new byte[] {7, 8}, end.poll());
        assertNull(end.poll());
        assertTrue(end.peerDone());
    }

    @Test
    void failureMessage_roundTripsThroughTheHostCallRegisters() {
        String m = "net-client: HMAC-SHA-256 tag mismatch: the frame was altered in host-shared memory";
        assertEquals(m, GuestWorkload.unpackMessage(GuestWorkload.packMessage(m)));
        String longer = "x".repeat(500);
        assertEquals(240, GuestWorkload.unpackMessage(GuestWorkload.packMessage(longer)).length(), "X0..X29 hold 240 bytes");
    }

    @Test
    void parameters_roundTripInKeyOrder() {
        WorkloadParameters p = new WorkloadParameters(java.util.Map.of("seed", "7", "mode", "mica", "port.a.base", "0x1000"));
        assertEquals("mode=mica\nport.a.base=0x1000\nseed=7\n", new String(p.encode(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(p.asMap(), WorkloadParameters.decode(p.encode()).asMap());
        assertEquals(0x1000, WorkloadParameters.decode(p.encode()).getLong("port.a.base"));
    }
}
