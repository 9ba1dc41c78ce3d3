package org.micasim.realms.workload;

import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;
import org.micasim.realms.workload.channel.RingWaiter;
import org.micasim.realms.workload.seal.ChannelSealer;

/**
 * A port over one or two rings. In a baseline it seals every outgoing message and opens every incoming
 * one, charging the modelled instructions for both; with Mica the bytes go as they are.
 */
public final class RingPort implements MessagePort {
    private final RingProducer out;
    private final RingConsumer in;
    private final RingWaiter waiter;
    private final ChannelSealer sealOut;
    private final ChannelSealer openIn;
    private final java.util.function.LongConsumer compute;

    /**
     * @param tx the region of the outgoing ring, or null for a receive-only port
     * @param rx the region of the incoming ring, or null for a send-only port
     * @param sealOut sealer of the outgoing direction (baseline), or null
     * @param openIn sealer of the incoming direction (baseline), or null
     * @param compute charges modelled instructions
     */
    public RingPort(String name, ChannelMemory tx, ChannelMemory rx, RingWaiter waiter,
                    ChannelSealer sealOut, ChannelSealer openIn, java.util.function.LongConsumer compute) {
        this.out = tx == null ? null : RingProducer.create(name + ".tx", tx);
        this.in = rx == null ? null : new RingConsumer(name + ".rx", rx);
        this.waiter = waiter;
        this.sealOut = sealOut;
        this.openIn = openIn;
        this.compute = compute;
    }

    @Override
    public void send(byte[] message) {
        if (out == null) {
            throw new IllegalStateException("port " + in.name() + " is receive-only");
        }
        byte[] wire = message;
        if (sealOut != null) {
            wire = sealOut.seal(message);
            compute.accept(sealOut.mode().sealInstructions(message.length, wire.length));
        }
        out.send(wire, waiter);
    }

    @Override
    public byte[] receive() {
        if (in == null) {
            throw new IllegalStateException("port " + out.name() + " is send-only");
        }
        byte[] wire = in.receive(waiter);
        if (wire == null || openIn == null) {
            return wire;
        }
        compute.accept(openIn.mode().openInstructions(Math.max(0, wire.length - ChannelSealer.OVERHEAD), wire.length));
        return openIn.open(wire);
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
