package org.micasim.realms.workload.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.micasim.realms.workload.model.VideoFrames;

/**
 * The published video-moderation ring (rg_rn_re, reference mica.md §6.2): the gateway receives frames
 * from the network and passes them to the encoder, the encoder's output goes to the checker, and the
 * checker's verdicts return to the gateway, which reports them to the network. Each hop is a one-way
 * ring (256 KiB in the published deployment).
 *
 * <p>Frame message: u32 index, u16 width, u16 height, RGB bytes. Encoded message: the same 8-byte header,
 * then the run-length stream. Verdict: u32 index, u32 skin share per mille, u32 flagged (0/1).
 */
public final class VideoModeration {
    private VideoModeration() {
    }

    public static ProgramSpec gateway() {
        return new ProgramSpec("video-gateway", "feeds network frames into the ring and reports the checker's verdicts",
                Map.of("network", PortUse.DUPLEX, "encoder", PortUse.SEND, "verdicts", PortUse.RECEIVE),
                Map.of("frames", 8L, "width", 64L, "height", 48L),
                "network", Camera::new, () -> VideoModeration::runGateway);
    }

    public static ProgramSpec encoder() {
        return new ProgramSpec("video-encoder", "delta + run-length encodes each frame",
                Map.of("source", PortUse.RECEIVE, "sink", PortUse.SEND),
                Map.of(), null, null, () -> VideoModeration::runEncoder);
    }

    public static ProgramSpec checker() {
        return new ProgramSpec("video-checker", "decodes each frame and flags large skin-tone areas",
                Map.of("source", PortUse.RECEIVE, "verdicts", PortUse.SEND),
                Map.of(), null, null, () -> VideoModeration::runChecker);
    }

    static void runGateway(RealmContext realm) {
        MessagePort net = realm.port("network");
        MessagePort encoder = realm.port("encoder");
        MessagePort verdicts = realm.port("verdicts");
        byte[] frame;
        while ((frame = net.receive()) != null) {
            realm.compute(frame.length / 8);
            encoder.send(frame);
            byte[] v = verdicts.receive();
            if (v == null) {
                throw Messages.protocol("video-gateway", "the checker closed before its verdict");
            }
            net.send(v);
        }
        encoder.close();
        if (verdicts.receive() != null) {
            throw Messages.protocol("video-gateway", "a verdict without a frame");
        }
        net.close();
    }

    static void runEncoder(RealmContext realm) {
        MessagePort in = realm.port("source");
        MessagePort out = realm.port("sink");
        byte[] previous = null;
        byte[] m;
        while ((m = in.receive()) != null) {
            byte[] rgb = Arrays.copyOfRange(m, 8, m.length);
            realm.compute(VideoFrames.ENCODE_INSTRUCTIONS_PER_BYTE * rgb.length);
            byte[] enc = VideoFrames.encode(rgb, previous);
            out.send(Messages.le(8 + enc.length).put(m, 0, 8).put(enc).array());
            previous = rgb;
        }
        out.close();
    }

    static void runChecker(RealmContext realm) {
        MessagePort in = realm.port("source");
        MessagePort out = realm.port("verdicts");
        byte[] previous = null;
        byte[] m;
        while ((m = in.receive()) != null) {
            ByteBuffer h = Messages.le(m);
            int index = h.getInt(0);
            int length = (h.getShort(4) & 0xFFFF) * (h.getShort(6) & 0xFFFF) * 3;
            realm.compute(VideoFrames.CHECK_INSTRUCTIONS_PER_BYTE * length);
            byte[] rgb = VideoFrames.decode(Arrays.copyOfRange(m, 8, m.length), previous, length);
            int share = VideoFrames.skinPerMille(rgb);
            out.send(Messages.le(12).putInt(index).putInt(share).putInt(share > VideoFrames.FLAG_PER_MILLE ? 1 : 0).array());
            previous = rgb;
        }
        out.close();
    }

    /** The camera and moderation console on the network: sends frames, checks every verdict. */
    static final class Camera implements HostService {
        private final HostEndpoint end = new HostEndpoint();
        private final long seed;
        private final int frames;
        private final int width;
        private final int height;
        private int verdicts;
        private int flagged;
        private final List<String> problems = new ArrayList<>();

        Camera(Map<String, Long> parameters, long seed) {
            this.seed = seed;
            this.frames = parameters.get("frames").intValue();
            this.width = parameters.get("width").intValue();
            this.height = parameters.get("height").intValue();
            for (int i = 0; i < frames; i++) {
                byte[] rgb = VideoFrames.frame(seed, i, width, height);
                end.queue(Messages.le(8 + rgb.length).putInt(i).putShort((short) width).putShort((short) height).put(rgb).array());
            }
            end.closeWhenDrained();
        }

        @Override
        public boolean pump(RingProducer toRealm, RingConsumer fromRealm) {
            end.pump(toRealm, fromRealm);
            byte[] v;
            while ((v = end.poll()) != null) {
                ByteBuffer b = Messages.le(v);
                int want = VideoFrames.skinPerMille(VideoFrames.frame(seed, verdicts, width, height));
                if ((v.length != 12 || b.getInt(0) != verdicts || b.getInt(4) != want) && problems.size() < 4) {
                    problems.add("verdict " + verdicts + " does not match frame " + verdicts);
                }
                flagged += v.length == 12 ? b.getInt(8) : 0;
                verdicts++;
            }
            return end.peerDone();
        }

        @Override
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("camera sent %d frames of %dx%d, got %d verdicts (%d flagged)", frames, width, height, verdicts, flagged));
            out.addAll(problems);
            return out;
        }

        @Override
        public boolean ok() {
            return verdicts == frames && problems.isEmpty();
        }
    }
}
