package org.micasim.realms.workload.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.micasim.realms.workload.HostEndpoint;
import org.micasim.realms.workload.HostService;
import org.micasim.realms.workload.MessagePort;
import org.micasim.realms.workload.PortUse;
import org.micasim.realms.workload.ProgramSpec;
import org.micasim.realms.workload.RealmContext;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;

/**
 * The published network-service pipeline (rnet_ra, reference mica.md §6.2): the client realm {@code ra}
 * writes serialised IPv4/UDP packets into its channel; the gateway {@code rnet}, the only realm with a
 * NIC, checks each packet's IPv4 header, transmits it on the host's network and acknowledges it to the
 * client over the same channel.
 */
public final class NetworkService {
    /** Destination of the client's packets, as in the published examples: 10.0.2.2:5000. */
    static final int DEST_ADDR = 0x0A00_0202;
    static final int DEST_PORT = 5000;
    static final int SRC_ADDR = 0x0A00_020F;
    /** Modelled gateway instructions per packet byte (header check and copy to the NIC). */
    static final long GATEWAY_INSTRUCTIONS_PER_BYTE = 2;
    /** Modelled client instructions per packet byte (building the packet). */
    static final long CLIENT_INSTRUCTIONS_PER_BYTE = 2;

    private NetworkService() {
    }

    public static ProgramSpec client() {
        return new ProgramSpec("net-client", "writes IPv4/UDP packets for the gateway and checks each acknowledgement",
                Map.of("gateway", PortUse.DUPLEX),
                Map.of("packets", 32L, "packetBytes", 512L, "window", 8L),
                null, null, () -> NetworkService::runClient);
    }

    public static ProgramSpec gateway() {
        return new ProgramSpec("net-gateway", "checks client packets, transmits them on the host NIC and acknowledges them",
                Map.of("clients", PortUse.DUPLEX, "network", PortUse.DUPLEX),
                Map.of("packets", 32L, "packetBytes", 512L),
                "network", Nic::new, () -> NetworkService::runGateway);
    }

    static void runClient(RealmContext realm) {
        MessagePort gw = realm.port("gateway");
        int packets = (int) realm.parameter("packets");
        int size = (int) realm.parameter("packetBytes");
        int window = (int) Math.max(1, realm.parameter("window"));
        int acked = 0;
        for (int seq = 0; seq < packets; seq++) {
            byte[] p = packet(seq, size);
            realm.compute(CLIENT_INSTRUCTIONS_PER_BYTE * p.length);
            gw.send(p);
            if (seq - acked + 1 >= window) {
                expectAck(gw.receive(), acked++);
            }
        }
        while (acked < packets) {
            expectAck(gw.receive(), acked++);
        }
        gw.close();
        if (gw.receive() != null) {
            throw Messages.protocol("net-client", "the gateway sent more than one acknowledgement per packet");
        }
    }

    private static void expectAck(byte[] ack, int seq) {
        if (ack == null || ack.length != 8) {
            throw Messages.protocol("net-client", "acknowledgement of packet " + seq + " missing or malformed");
        }
        ByteBuffer b = Messages.le(ack);
        if (b.getInt(0) != seq || b.getInt(4) != 0) {
            throw Messages.protocol("net-client", "packet " + seq + " acknowledged as " + b.getInt(0) + " with status " + b.getInt(4));
        }
    }

    static void runGateway(RealmContext realm) {
        MessagePort clients = realm.port("clients");
        MessagePort nic = realm.port("network");
        byte[] p;
        while ((p = clients.receive()) != null) {
            realm.compute(GATEWAY_INSTRUCTIONS_PER_BYTE * p.length);
            int status = checkIpv4(p) ? 0 : 1;
            if (status == 0) {
                nic.send(p);
            }
            ByteBuffer ack = Messages.le(8).putInt(0, udpSequence(p)).putInt(4, status);
            clients.send(ack.array());
        }
        nic.close();
        clients.close();
    }

    /** An IPv4/UDP packet of {@code size} bytes (at least 32) whose payload starts with {@code seq}. */
    static byte[] packet(int seq, int size) {
        int total = Math.max(32, size);
        ByteBuffer b = ByteBuffer.allocate(total); // network byte order
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) seq).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(SRC_ADDR).putInt(DEST_ADDR);
        b.putShort(2, (short) total);
        b.putShort(10, (short) ipv4Checksum(b.array()));
        b.position(20);
        b.putShort((short) 40000).putShort((short) DEST_PORT).putShort((short) (total - 20)).putShort((short) 0);
        b.putInt(seq);
        for (int i = 32; i < total; i++) {
            b.put(i, (byte) (seq * 7 + i));
        }
        return b.array();
    }

    static int udpSequence(byte[] p) {
        return p.length >= 32 ? ByteBuffer.wrap(p).getInt(28) : -1;
    }

    /** Whether {@code p} is an IPv4 packet with a correct header checksum and total length. */
    static boolean checkIpv4(byte[] p) {
        if (p.length < 28 || (p[0] & 0xFF) != 0x45) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        return (b.getShort(2) & 0xFFFF) == p.length && ipv4Checksum(p) == 0;
    }

    /** RFC 791 header checksum over the 20-byte header (0 when the stored checksum is right). */
    static int ipv4Checksum(byte[] p) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    /** The host's NIC: takes what the gateway transmits and checks it is exactly the client's packets. */
    static final class Nic implements HostService {
        private final HostEndpoint end = new HostEndpoint();
        private final int packets;
        private final int size;
        private int received;
        private long bytes;
        private final List<String> problems = new ArrayList<>();

        Nic(Map<String, Long> parameters, long seed) {
            this.packets = parameters.get("packets").intValue();
            this.size = parameters.get("packetBytes").intValue();
            end.closeWhenDrained();
        }

        @Override
        public boolean pump(RingProducer toRealm, RingConsumer fromRealm) {
            end.pump(toRealm, fromRealm);
            byte[] p;
            while ((p = end.poll()) != null) {
                if (!java.util.Arrays.equals(p, packet(received, size)) && problems.size() < 4) {
                    problems.add("packet " + received + " differs from what the client wrote");
                }
                received++;
                bytes += p.length;
            }
            return end.peerDone();
        }

        @Override
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("NIC transmitted %d of %d packets (%d bytes) to %d.%d.%d.%d:%d", received, packets, bytes,
                    DEST_ADDR >>> 24, (DEST_ADDR >>> 16) & 0xFF, (DEST_ADDR >>> 8) & 0xFF, DEST_ADDR & 0xFF, DEST_PORT));
            out.addAll(problems);
            return out;
        }

        @Override
        public boolean ok() {
            return received == packets && problems.isEmpty();
        }
    }
}
