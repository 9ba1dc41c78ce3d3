package org.micasim.realms.workload.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingBufferTest {
    @Test
    void create_writesTheDocumentedHeader() {
        HeapChannelMemory m = new HeapChannelMemory(4096);
        RingProducer.create("r", m);
        assertEquals('M', m.bytes[0]);
        assertEquals('R', m.bytes[1]);
        assertEquals('N', m.bytes[2]);
        assertEquals('G', m.bytes[3]);
        assertEquals(1, m.bytes[4]);
        assertEquals(32, m.bytes[6]);
        assertEquals(4096 - 32, m.load64(8) & 0xFFFF_FFFFL);
        assertEquals(0, m.load64(16));
        assertEquals(0, m.load64(24));
    }

    @Test
    void consumer_beforeProducerFormats_isNotReadyAndEmpty() {
        HeapChannelMemory m = new HeapChannelMemory(4096);
        RingConsumer c = new RingConsumer("r", m);
        assertFalse(c.ready());
        assertNull(c.pollRecord());
    }

    @Test
    void record_roundTripsAndAdvancesHeadAndTail() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer p = RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        assertTrue(p.offerRecord(new byte[] {1, 2, 3}, 0, 3, false));
        assertEquals(7, m.load64(RingLayout.HEAD_OFFSET));
        RingConsumer.Fragment f = c.pollRecord();
        assertArrayEquals(new byte[] {1, 2, 3}, f.payload());
        assertFalse(f.more());
        assertEquals(7, m.load64(RingLayout.TAIL_OFFSET));
        assertNull(c.pollRecord());
    }

    @Test
    void fullRing_refusesARecordThatDoesNotFitAndWritesNothing() {
        HeapChannelMemory m = new HeapChannelMemory(32 + 64);
        RingProducer p = RingProducer.create("r", m);
        assertTrue(p.offerRecord(new byte[40], 0, 40, false));
        byte[] before = m.bytes.clone();
        assertFalse(p.offerRecord(new byte[30], 0, 30, false), "44 + 34 > 64 bytes of data area");
        assertArrayEquals(before, m.bytes);
        assertFalse(p.offerRecord(new byte[17], 0, 17, false), "44 + 21 > 64");
        assertTrue(p.offerRecord(new byte[16], 0, 16, false), "44 + 20 fills the data area exactly");
    }

    @Test
    void message_largerThanTheRing_isFragmentedAndReassembled() {
        HeapChannelMemory m = new HeapChannelMemory(32 + 128);
        RingProducer p = RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        byte[] msg = new byte[1000];
        new SplittableRandom(7).nextBytes(msg);
        List<byte[]> got = new ArrayList<>();
        // the consumer drains whenever the producer finds the ring full
        p.send(msg, why -> {
            RingConsumer.Fragment f;
            while ((f = c.pollRecord()) != null) {
                got.add(f.payload());
            }
        });
        p.close();
        byte[] rest = c.receive(why -> {
            throw new AssertionError("nothing more should be needed: " + why);
        });
        int total = got.stream().mapToInt(b -> b.length).sum() + rest.length;
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : got) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        System.arraycopy(rest, 0, all, at, rest.length);
        assertArrayEquals(msg, all);
        assertTrue(p.fullWaits() > 0);
        assertNull(c.receive(why -> {
            throw new AssertionError("closed ring must not wait: " + why);
        }));
    }

    @Test
    void consumer_rejectsAnImpossibleHead() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        m.store64(RingLayout.HEAD_OFFSET, 10_000);
        CorruptRingException e = assertThrows(CorruptRingException.class, c::pollRecord);
        assertTrue(e.getMessage().contains("head 0x2710"), e.getMessage());
    }

    @Test
    void consumer_rejectsARecordLongerThanWhatWasPublished() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer p = RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        p.offerRecord(new byte[8], 0, 8, false);
        m.bytes[32] = 100; // length word now claims 100 bytes
        assertThrows(CorruptRingException.class, c::pollRecord);
    }

    @Test
    void consumer_rejectsAForeignCapacity() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer.create("r", m);
        m.store64(RingLayout.GEOMETRY_OFFSET, 100_000);
        assertThrows(CorruptRingException.class, new RingConsumer("r", m)::ready);
    }

    @Test
    void producer_rejectsATailBeyondItsHead() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer p = RingProducer.create("r", m);
        m.store64(RingLayout.TAIL_OFFSET, 8);
        assertThrows(CorruptRingException.class, () -> p.offerRecord(new byte[1], 0, 1, false));
    }

    @Test
    void closedInTheMiddleOfAMessage_isCorrupt() {
        HeapChannelMemory m = new HeapChannelMemory(256);
        RingProducer p = RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        p.offerRecord(new byte[4], 0, 4, true);
        p.close();
        assertThrows(CorruptRingException.class, () -> c.receive(why -> { }));
    }

    /** Random interleavings of two sides over a small ring deliver every message intact and in order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomTraffic_deliversEveryMessageInOrder(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int size = 32 + 64 + rnd.nextInt(512);
        HeapChannelMemory m = new HeapChannelMemory(size);
        RingProducer p = RingProducer.create("r", m);
        RingConsumer c = new RingConsumer("r", m);
        Deque<byte[]> expected = new ArrayDeque<>();
        List<byte[]> received = new ArrayList<>();
        java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        RingWaiter drain = why -> {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                RingConsumer.Fragment f = c.pollRecord();
                if (f == null) {
                    return;
                }
                partial.write(f.payload(), 0, f.payload().length);
                if (!f.more()) {
                    received.add(partial.toByteArray());
                    partial.reset();
                }
            }
        };
        for (int i = 0; i < 200; i++) {
            byte[] msg = new byte[rnd.nextInt(3 * size)];
            rnd.nextBytes(msg);
            expected.add(msg);
            p.send(msg, drain);
        }
        p.close();
        byte[] last;
        while ((last = c.receive(why -> {
            throw new AssertionError("seed " + seed + ": closed ring must not wait");
        })) != null) {
            received.add(concat(partial.toByteArray(), last));
            partial.reset();
        }
        assertEquals(expected.size(), received.size(), "seed " + seed);
        int i = 0;
        for (byte[] e : expected) {
            assertTrue(Arrays.equals(e, received.get(i)), "seed " + seed + ": message " + i + " differs");
            i++;
        }
        assertEquals(p.bytesWritten(), c.bytesRead(), "seed " + seed);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
