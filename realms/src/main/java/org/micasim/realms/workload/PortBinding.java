package org.micasim.realms.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where one port of a realm program lives in its realm's IPA space: the channel's base IPA, and the
 * offsets of the outgoing and incoming rings within it. A two-way channel of size S holds two rings of
 * S/2: the first carries data from the channel's first end (or from the host, for a host channel) to
 * the other, the second the reverse. A one-way channel is one ring from its first end to its second.
 *
 * @param sealChannel in a baseline, the channel name both ends derive their keys from; else null
 */
public record PortBinding(String port, long base, long txOffset, long txLength, long rxOffset, long rxLength,
                          String sealChannel) {
    /** Offset/length pair meaning "this direction is not used". */
    public static final long NONE = -1;

    /** The binding of end {@code end} (0 or 1) of a two-realm channel of {@code size} bytes. */
    public static PortBinding forRealmChannel(String port, long base, long size, boolean oneWay, int end, String sealChannel) {
        if (oneWay) {
            return end == 0 ? new PortBinding(port, base, 0, size, NONE, NONE, sealChannel)
                    : new PortBinding(port, base, NONE, NONE, 0, size, sealChannel);
        }
        long half = size / 2;
        return end == 0 ? new PortBinding(port, base, 0, half, half, half, sealChannel)
                : new PortBinding(port, base, half, half, 0, half, sealChannel);
    }

    /** The realm's binding of a host channel of {@code size} bytes (never sealed: the network is the host's). */
    public static PortBinding forHostChannel(String port, long base, long size) {
        long half = size / 2;
        return new PortBinding(port, base, half, half, 0, half, null);
    }

    /** What this binding offers: send, receive or both. */
    public PortUse use() {
        if (txOffset == NONE) {
            return PortUse.RECEIVE;
        }
        return rxOffset == NONE ? PortUse.SEND : PortUse.DUPLEX;
    }

    /** Adds this binding to workload parameters as {@code port.NAME.*} keys. */
    public void encodeInto(Map<String, String> parameters) {
        String k = "port." + port + ".";
        parameters.put(k + "base", "0x" + Long.toHexString(base));
        if (txOffset != NONE) {
            parameters.put(k + "tx", "0x" + Long.toHexString(txOffset) + ":0x" + Long.toHexString(txLength));
        }
        if (rxOffset != NONE) {
            parameters.put(k + "rx", "0x" + Long.toHexString(rxOffset) + ":0x" + Long.toHexString(rxLength));
        }
        if (sealChannel != null) {
            parameters.put(k + "seal", sealChannel);
        }
    }

    /** Every binding found in {@code parameters}, by port name. */
    public static Map<String, PortBinding> decodeAll(WorkloadParameters parameters) {
        Map<String, PortBinding> out = new TreeMap<>();
        for (String key : parameters.asMap().keySet()) {
            if (key.startsWith("port.") && key.endsWith(".base")) {
                String port = key.substring(5, key.length() - 5);
                String k = "port." + port + ".";
                long[] tx = slice(parameters, k + "tx");
                long[] rx = slice(parameters, k + "rx");
                out.put(port, new PortBinding(port, parameters.getLong(key), tx[0], tx[1], rx[0], rx[1],
                        parameters.has(k + "seal") ? parameters.get(k + "seal") : null));
            }
        }
        return out;
    }

    private static long[] slice(WorkloadParameters p, String key) {
        if (!p.has(key)) {
            return new long[] {NONE, NONE};
        }
        String[] parts = p.get(key).split(":");
        return new long[] {Long.decode(parts[0]), Long.decode(parts[1])};
    }
}
