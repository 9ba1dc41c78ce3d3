package org.micasim.realms.workload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.realms.workload.channel.RingWaiter;
import org.micasim.realms.workload.seal.ChannelSealer;
import org.micasim.realms.workload.seal.SealMode;

/**
 * A {@link RealmContext} built from a program's descriptor parameters: its ports over the channel regions
 * they name ({@link PortBinding}), its numeric parameters ({@code param.NAME}, else the program's
 * default), and in a baseline ({@code mode}) a sealer per ring.
 *
 * <p>Baseline keys: both ends derive a channel secret as SHA-256("mica-sim baseline" || seed || channel
 * name) and one key pair per ring from it. This stands in for a key exchange that the baseline would run
 * after attestation and that the paper's comparison does not measure either; it is not a secret from
 * the simulated host, which is fine for measuring cost and detecting tampering but is documented as
 * such in docs/scenarios.md.
 */
public final class BoundRealm implements RealmContext {
    /** Maps (base IPA, length) to the region a realm reaches there. */
    @FunctionalInterface
    public interface MemoryAt {
        ChannelMemory region(long base, long length);
    }

    private final ProgramSpec spec;
    private final WorkloadParameters parameters;
    private final Map<String, MessagePort> ports = new TreeMap<>();
    private final LongConsumer compute;

    public BoundRealm(ProgramSpec spec, WorkloadParameters parameters, MemoryAt memory, RingWaiter waiter, LongConsumer compute) {
        this.spec = spec;
        this.parameters = parameters;
        this.compute = compute;
        TransportMode mode = parameters.has("mode") ? TransportMode.fromLabel(parameters.get("mode")) : TransportMode.MICA;
        if (mode == null) {
            throw new IllegalArgumentException("unknown transport mode " + parameters.get("mode"));
        }
        long seed = parameters.has("seed") ? parameters.getLong("seed") : 0;
        Map<String, PortBinding> bindings = PortBinding.decodeAll(parameters);
        for (Map.Entry<String, PortUse> declared : spec.ports().entrySet()) {
            PortBinding b = bindings.get(declared.getKey());
            if (b == null) {
                throw new IllegalArgumentException("program " + spec.name() + ": port " + declared.getKey() + " is not bound");
            }
            ChannelMemory tx = b.txOffset() == PortBinding.NONE ? null : memory.region(b.base() + b.txOffset(), b.txLength());
            ChannelMemory rx = b.rxOffset() == PortBinding.NONE ? null : memory.region(b.base() + b.rxOffset(), b.rxLength());
            ChannelSealer sealOut = null;
            ChannelSealer openIn = null;
            SealMode seal = mode.seal();
            if (seal != null && b.sealChannel() != null) {
                byte[] secret = channelSecret(seed, b.sealChannel());
                sealOut = tx == null ? null : new ChannelSealer(seal, secret, "ring@" + b.txOffset());
                openIn = rx == null ? null : new ChannelSealer(seal, secret, "ring@" + b.rxOffset());
            }
            ports.put(declared.getKey(), new RingPort(spec.name() + "." + declared.getKey(), tx, rx, waiter, sealOut, openIn, compute));
        }
    }

    @Override
    public MessagePort port(String name) {
        MessagePort p = ports.get(name);
        if (p == null) {
            throw new IllegalArgumentException("program " + spec.name() + " has no port " + name);
        }
        return p;
    }

    @Override
    public long parameter(String name) {
        String key = "param." + name;
        if (parameters.has(key)) {
            return parameters.getLong(key);
        }
        Long d = spec.defaults().get(name);
        if (d == null) {
            throw new IllegalArgumentException("program " + spec.name() + " has no parameter " + name);
        }
        return d;
    }

    @Override
    public void compute(long instructions) {
        compute.accept(instructions);
    }

    /** The 32-byte secret both ends of a baseline channel derive. */
    static byte[] channelSecret(long seed, String channel) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("mica-sim baseline".getBytes(StandardCharsets.US_ASCII));
            md.update(ByteBuffer.allocate(8).putLong(seed).array());
            md.update(channel.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
