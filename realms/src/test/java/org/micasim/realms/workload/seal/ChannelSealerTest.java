package org.micasim.realms.workload.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChannelSealerTest {
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 0x5a);
    }

    @ParameterizedTest
    @EnumSource(SealMode.class)
    void sealThenOpen_returnsThePlaintextInOrder(SealMode mode) {
        ChannelSealer tx = new ChannelSealer(mode, SECRET, "a->b");
        ChannelSealer rx = new ChannelSealer(mode, SECRET, "a->b");
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 20; i++) {
            byte[] pt = new byte[rnd.nextInt(5000)];
            rnd.nextBytes(pt);
            byte[] frame = tx.seal(pt);
            assertFalse(contains(frame, pt) && pt.length > 16, "plaintext must not appear in the frame");
            assertArrayEquals(pt, rx.open(frame), mode + " message " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(SealMode.class)
    void flippedBit_isDetectedByTheMac(SealMode mode) {
        ChannelSealer tx = new ChannelSealer(mode, SECRET, "a->b");
        ChannelSealer rx = new ChannelSealer(mode, SECRET, "a->b");
        byte[] frame = tx.seal(new byte[100]);
        frame[30] ^= 1;
        SealException e = assertThrows(SealException.class, () -> rx.open(frame));
        assertTrue(e.getMessage().contains("HMAC"), e.getMessage());
    }

    @Test
    void replayedFrame_isRejected() {
        ChannelSealer tx = new ChannelSealer(SealMode.AES_CTR_HMAC, SECRET, "a->b");
        ChannelSealer rx = new ChannelSealer(SealMode.AES_CTR_HMAC, SECRET, "a->b");
        byte[] first = tx.seal(new byte[] {1});
        rx.open(first);
        SealException e = assertThrows(SealException.class, () -> rx.open(first));
        assertTrue(e.getMessage().contains("sequence 0"), e.getMessage());
    }

    @Test
    void otherDirection_cannotOpen() {
        ChannelSealer tx = new ChannelSealer(SealMode.AES_CBC_HMAC, SECRET, "a->b");
        ChannelSealer rx = new ChannelSealer(SealMode.AES_CBC_HMAC, SECRET, "b->a");
        assertThrows(SealException.class, () -> rx.open(tx.seal(new byte[10])));
    }

    @Test
    void ctrFrame_isPlainAes256CtrWithTheDocumentedIv() throws Exception {
        ChannelSealer tx = new ChannelSealer(SealMode.AES_CTR_HMAC, SECRET, "a->b");
        tx.seal(new byte[3]);
        byte[] pt = "hello, realm".getBytes();
        byte[] frame = tx.seal(pt);
        assertEquals(8 + 16 + pt.length + 32, frame.length);
        assertEquals(1, frame[0], "sequence 1, little-endian");
        byte[] iv = Arrays.copyOfRange(frame, 8, 24);
        assertEquals(1, iv[7], "CTR IV = big-endian sequence then zeros");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] key = mac.doFinal("enc:a->b".getBytes());
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        assertArrayEquals(pt, c.doFinal(frame, 24, pt.length));
    }

    @Test
    void cbcIvs_differPerFrame() {
        ChannelSealer tx = new ChannelSealer(SealMode.AES_CBC_HMAC, SECRET, "a->b");
        byte[] a = tx.seal(new byte[16]);
        byte[] b = tx.seal(new byte[16]);
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(a, 8, 24)), Arrays.toString(Arrays.copyOfRange(b, 8, 24)));
        assertEquals(8 + 16 + 32 + 32, a.length, "16 bytes pad to 32 with PKCS#5");
    }

    @Test
    void cost_growsWithSizeAndCbcCostsMore() {
        long ctr = SealMode.AES_CTR_HMAC.sealInstructions(65536, 65536 + 56);
        long cbc = SealMode.AES_CBC_HMAC.sealInstructions(65536, 65536 + 72);
        assertTrue(cbc > ctr);
        assertTrue(SealMode.AES_CTR_HMAC.sealInstructions(1 << 20, (1 << 20) + 56) > 15 * ctr);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
