package org.micasim.policy.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A source text and the name diagnostics use for it (normally the path as the user gave it). */
public record SourceFile(String name, String text) {
    public SourceFile {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(text, "text is null");
    }

    /**
     * Reads {@code path} as UTF-8; malformed bytes become U+FFFD, so that any file can be handed
     * to the parser, which then reports where it stops making sense.
     */
    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
    }
}
