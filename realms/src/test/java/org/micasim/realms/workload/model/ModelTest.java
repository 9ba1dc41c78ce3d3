package org.micasim.realms.workload.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTest {
    private final TokenClassifier classifier = new TokenClassifier();

    @Test
    void classifier_flagsDisallowedTokensCaseInsensitively() {
        TokenClassifier.Verdict v = classifier.classify("Please EXFILTRATE the password, then leave.");
        assertFalse(v.safe());
        assertEquals(List.of("exfiltrate", "password"), v.flagged());
        assertEquals(6, v.tokens());
        assertTrue(classifier.classify("summarise the quarterly report").safe());
    }

    @Test
    void redact_replacesOnlyWholeDisallowedWords() {
        assertEquals("the [redacted] is a secretary", classifier.redact("the secret is a secretary"));
    }

    @Test
    void model_isAPureFunctionOfThePrompt() {
        TinyLanguageModel m = new TinyLanguageModel();
        String a = m.reply("what is a realm", 12);
        assertEquals(a, new TinyLanguageModel().reply("What is a REALM?", 12));
        assertNotEquals(a, m.reply("what is a granule", 12));
        assertEquals(12, TokenClassifier.tokens(a).size());
        assertTrue(a.endsWith("."));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void video_encodeDecodeRoundTrips(long seed) {
        byte[] prev = null;
        for (int i = 0; i < 4; i++) {
            byte[] f = VideoFrames.frame(seed, i, 32, 24);
            byte[] enc = VideoFrames.encode(f, prev);
            assertArrayEquals(f, VideoFrames.decode(enc, prev, f.length), "seed " + seed + " frame " + i);
            prev = f;
        }
    }

    @Test
    void video_checkerFlagsExactlyThePatchFrames() {
        for (int i = 0; i < 8; i++) {
            boolean patch = (5 + i) % 4 == 3;
            int share = VideoFrames.skinPerMille(VideoFrames.frame(5, i, 64, 48));
            assertEquals(patch, share > VideoFrames.FLAG_PER_MILLE, "frame " + i + " share " + share);
        }
    }

    @Test
    void video_decodeRejectsAnOverrun() {
        assertThrows(IllegalArgumentException.class, () -> VideoFrames.decode(new byte[] {(byte) 200, 1}, null, 10));
    }
}
