package org.micasim.realms.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.micasim.realms.workload.HostService;
import org.micasim.realms.workload.MessagePort;
import org.micasim.realms.workload.PortUse;
import org.micasim.realms.workload.ProgramSpec;
import org.micasim.realms.workload.RealmContext;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;

/**
 * The realm programs of the Mica authors' benchmark harness (reference mica.md §6.3): realm1 sends a
 * payload of {@code bytes} to realm2, which echoes it back, {@code rounds} times (one round trip each);
 * realm1 checks every echo byte for byte. In the three-realm case the extra links (realm2-realm3,
 * realm1-realm3) exist, are attested, and carry nothing, as in the harness. realm1 faces the host
 * through an idle port so that it is the realm that attests the group.
 */
final class PaperPrograms {
    static final String PING = "bench-ping";
    static final String PING3 = "bench-ping3";
    static final String PONG = "bench-pong";
    static final String PONG3 = "bench-pong3";
    static final String THIRD = "bench-third";
    static final String SOLO = "bench-solo";

    private static final Map<String, Long> TRAFFIC = Map.of("bytes", 65536L, "rounds", 20L);
    /**
     * Payloads go as messages of at most 1 MiB: a baseline seals each message, and sealing 10 MiB in one
     * piece keeps a realm busy for more timer slices than the host's stuck-pipeline check allows.
     */
    static final int CHUNK = 1 << 20;

    private PaperPrograms() {
    }

    /** Every program of the harness. */
    static ProgramSpec[] all() {
        return new ProgramSpec[] {
            new ProgramSpec(SOLO, "boots, uploads its policy (if any) and attests; moves no data",
                    Map.of("network", PortUse.DUPLEX), Map.of(), "network", IdleNetwork::new,
                    () -> r -> r.port("network").close()),
            new ProgramSpec(PING, "sends 'bytes' to its peer and checks the echo, 'rounds' times",
                    Map.of("network", PortUse.DUPLEX, "peer", PortUse.DUPLEX), TRAFFIC, "network", IdleNetwork::new,
                    () -> r -> ping(r, List.of())),
            new ProgramSpec(PING3, "bench-ping with a second, idle link",
                    Map.of("network", PortUse.DUPLEX, "peer", PortUse.DUPLEX, "link13", PortUse.DUPLEX), TRAFFIC,
                    "network", IdleNetwork::new, () -> r -> ping(r, List.of("link13"))),
            new ProgramSpec(PONG, "echoes every message from its peer",
                    Map.of("peer", PortUse.DUPLEX), Map.of("bytes", 65536L), null, null, () -> r -> pong(r, List.of())),
            new ProgramSpec(PONG3, "bench-pong with a second, idle link",
                    Map.of("peer", PortUse.DUPLEX, "link23", PortUse.DUPLEX), Map.of("bytes", 65536L), null, null,
                    () -> r -> pong(r, List.of("link23"))),
            new ProgramSpec(THIRD, "the third realm: two idle links",
                    Map.of("link13", PortUse.DUPLEX, "link23", PortUse.DUPLEX), Map.of(), null, null,
                    () -> r -> closeAll(r, List.of("link13", "link23"))),
        };
    }

    /** The payload of a round: a fixed byte pattern, so the echo can be checked. */
    static byte[] payload(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (i * 31 + (i >>> 12));
        }
        return b;
    }

    private static void ping(RealmContext realm, List<String> idle) {
        closeAll(realm, idle);
        MessagePort peer = realm.port("peer");
        byte[] payload = payload((int) realm.parameter("bytes"));
        long rounds = realm.parameter("rounds");
        byte[] echo = new byte[payload.length];
        for (long i = 0; i < rounds; i++) {
            for (int off = 0; off < payload.length; off += CHUNK) {
                peer.send(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + CHUNK)));
            }
            for (int off = 0; off < payload.length; ) {
                byte[] m = peer.receive();
                if (m == null || off + m.length > echo.length) {
                    throw new IllegalStateException("round " + i + ": the peer " + (m == null ? "closed" : "sent too much"));
                }
                System.arraycopy(m, 0, echo, off, m.length);
                off += m.length;
            }
            if (!Arrays.equals(payload, echo)) {
                throw new IllegalStateException("round " + i + ": the echo differs from the payload");
            }
        }
        peer.close();
        realm.port("network").close();
    }

    /** Collects a whole payload (its chunks), then sends every chunk back. */
    private static void pong(RealmContext realm, List<String> idle) {
        closeAll(realm, idle);
        MessagePort peer = realm.port("peer");
        long bytes = realm.parameter("bytes");
        List<byte[]> chunks = new ArrayList<>();
        long got = 0;
        byte[] m;
        while ((m = peer.receive()) != null) {
            chunks.add(m);
            got += m.length;
            if (got >= bytes) {
                chunks.forEach(peer::send);
                chunks.clear();
                got = 0;
            }
        }
        peer.close();
    }

    private static void closeAll(RealmContext realm, List<String> ports) {
        for (String p : ports) {
            realm.port(p).close();
        }
    }

    /** The host end of realm1's host port: it sends nothing and expects nothing. */
    private static final class IdleNetwork implements HostService {
        IdleNetwork(Map<String, Long> parameters, long seed) {
        }

        @Override
        public boolean pump(RingProducer toRealm, RingConsumer fromRealm) {
            return true;
        }

        @Override
        public List<String> report() {
            return List.of();
        }

        @Override
        public boolean ok() {
            return true;
        }
    }
}
