package org.micasim.realms.workload.model;

import java.util.List;

/**
 * The inference realm's "model": a deterministic next-token generator over a fixed vocabulary. The
 * reply is a pure function of the prompt (its tokens seed a SplitMix64 sequence), so every run and every
 * transport mode produces byte-identical replies. Sometimes it emits a disallowed token, so the output
 * guard rail has something to redact.
 */
public final class TinyLanguageModel {
    /** Modelled instructions per generated token (a small matrix-vector product per step). */
    public static final long INSTRUCTIONS_PER_TOKEN = 4_000;

    private static final List<String> VOCABULARY = List.of(
            "the", "realm", "shares", "memory", "with", "its", "peer", "under", "a", "policy", "that",
            "the", "tenant", "attests", "before", "data", "flows", "gateway", "filter", "model", "reply",
            "token", "channel", "host", "never", "sees", "plaintext", "and", "every", "path", "is",
            "declared", "secret", "measured", "granule", "stage", "two", "table", "maps", "page");

    /** The reply to {@code prompt}: {@code tokens} words separated by spaces, ending in a full stop. */
    public String reply(String prompt, int tokens) {
        long state = 0x9E37_79B9_7F4A_7C15L;
        for (String t : TokenClassifier.tokens(prompt)) {
            state = mix(state ^ t.hashCode());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            state = mix(state + 0x9E37_79B9_7F4A_7C15L);
            String w = VOCABULARY.get((int) Long.remainderUnsigned(state, VOCABULARY.size()));
            sb.append(i == 0 ? "" : " ").append(w);
        }
        return sb.append('.').toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
