package org.micasim.realms.workload.seal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the frames of one direction of a baseline channel. A frame is
 * {@code u64 sequence | 16-byte IV | ciphertext | 32-byte HMAC-SHA-256 tag}, the tag covering everything
 * before it. Sequence numbers start at 0 and must arrive in order, so the host can neither reorder nor
 * replay frames without being detected.
 *
 * <p>IVs are derived, not random, so that runs are deterministic: for CTR the IV is
 * {@code sequence || 0^64} (each message gets its own 2^64-block counter space); for CBC it is the first
 * 16 bytes of HMAC(macKey, "cbc-iv" || sequence), unpredictable to anyone without the key.
 */
public final class ChannelSealer {
    /** Bytes a frame adds to its plaintext, before CBC padding. */
    public static final int OVERHEAD = 8 + 16 + 32;

    private final SealMode mode;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;
    private long nextSealSequence;
    private long nextOpenSequence;

    /**
     * A sealer for one direction; both ends derive the same keys from the same 32-byte channel secret and
     * direction label.
     */
    public ChannelSealer(SealMode mode, byte[] channelSecret, String direction) {
        if (channelSecret.length != 32) {
            throw new IllegalArgumentException("a channel secret is 32 bytes, got " + channelSecret.length);
        }
        this.mode = mode;
        this.encryptionKey = new SecretKeySpec(derive(channelSecret, "enc:" + direction), "AES");
        this.macKey = new SecretKeySpec(derive(channelSecret, "mac:" + direction), "HmacSHA256");
    }

    public SealMode mode() {
        return mode;
    }

    /** Encrypts and authenticates {@code plaintext} as the next frame. */
    public byte[] seal(byte[] plaintext) {
        long seq = nextSealSequence++;
        byte[] iv = iv(seq);
        try {
            Cipher c = Cipher.getInstance(mode.transformation());
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            byte[] ct = c.doFinal(plaintext);
            ByteBuffer b = ByteBuffer.allocate(8 + 16 + ct.length + 32).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(seq).put(iv).put(ct);
            b.put(tag(b.array(), 8 + 16 + ct.length));
            return b.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + mode.transformation(), e);
        }
    }

    /** Checks and decrypts the next frame; throws {@link SealException} if it is not authentic and in order. */
    public byte[] open(byte[] frame) {
        if (frame.length < OVERHEAD) {
            throw new SealException("frame of " + frame.length + " bytes is shorter than its header and tag");
        }
        int macStart = frame.length - 32;
        byte[] expected = tag(frame, macStart);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(frame, macStart, frame.length))) {
            throw new SealException("HMAC-SHA-256 tag mismatch: the frame was altered in host-shared memory");
        }
        long seq = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (seq != nextOpenSequence) {
            throw new SealException("frame sequence " + seq + " where " + nextOpenSequence + " was expected (replayed or reordered)");
        }
        try {
            Cipher c = Cipher.getInstance(mode.transformation());
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(frame, 8, 16));
            byte[] pt = c.doFinal(frame, 24, macStart - 24);
            nextOpenSequence++;
            return pt;
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new SealException("authentic frame does not decrypt: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + mode.transformation(), e);
        }
    }

    private byte[] iv(long seq) {
        byte[] iv = new byte[16];
        if (mode == SealMode.AES_CTR_HMAC) {
            ByteBuffer.wrap(iv).order(ByteOrder.BIG_ENDIAN).putLong(0, seq);
            return iv;
        }
        byte[] label = "cbc-iv".getBytes(StandardCharsets.US_ASCII);
        byte[] in = ByteBuffer.allocate(label.length + 8).put(label).putLong(seq).array();
        return Arrays.copyOf(hmac(macKey, in, in.length), 16);
    }

    private byte[] tag(byte[] frame, int len) {
        return hmac(macKey, frame, len);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static byte[] derive(byte[] secret, String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        return hmac(new SecretKeySpec(secret, "HmacSHA256"), l, l.length);
    }
}
