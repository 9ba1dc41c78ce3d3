package org.micasim.realms.workload.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The guard rail's "model": a deterministic token classifier. It splits text into lowercase word tokens
 * and scores each against a fixed lexicon of disallowed tokens; a text is unsafe when any token is. This
 * stands in for a learned classifier: what the pipelines measure is the data path, not the model.
 */
public final class TokenClassifier {
    /** Tokens the guard rail refuses (a fixed lexicon, so results never depend on anything else). */
    public static final Set<String> DISALLOWED = Set.of(
            "exfiltrate", "password", "secret", "malware", "exploit", "leak", "bypass", "weapon");
    /** Modelled instructions per input byte (tokenising and one hash lookup per token). */
    public static final long INSTRUCTIONS_PER_BYTE = 24;

    /** The verdict on one text: whether it is safe, and which tokens were disallowed. */
    public record Verdict(boolean safe, List<String> flagged, int tokens) {
    }

    /** Classifies {@code text}. */
    public Verdict classify(String text) {
        List<String> flagged = new ArrayList<>();
        List<String> tokens = tokens(text);
        for (String t : tokens) {
            if (DISALLOWED.contains(t) && !flagged.contains(t)) {
                flagged.add(t);
            }
        }
        return new Verdict(flagged.isEmpty(), List.copyOf(flagged), tokens.size());
    }

    /** {@code text} with every disallowed token replaced by {@code [redacted]}. */
    public String redact(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
                continue;
            }
            if (word.length() > 0) {
                String w = word.toString();
                out.append(DISALLOWED.contains(w.toLowerCase(Locale.ROOT)) ? "[redacted]" : w);
                word.setLength(0);
            }
            if (i < text.length()) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The lowercase word tokens of {@code text}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        return out;
    }
}
