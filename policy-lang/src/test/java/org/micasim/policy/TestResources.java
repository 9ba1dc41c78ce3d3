package org.micasim.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/** Loads test resources; a source is named by its resource path, as diagnostics show it. */
public final class TestResources {
    private TestResources() {}

    public static byte[] bytes(String resource) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SourceFile source(String resource) {
        return new SourceFile(resource, new String(bytes(resource), StandardCharsets.UTF_8));
    }

    public static Path path(String resource) {
        try {
            return Path.of(TestResources.class.getResource("/" + resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a policy given as text, named {@code test.json}. */
    public static ParseResult<Policy> parse(String text) {
        return PolicyParser.parsePolicy(new SourceFile("test.json", text));
    }

    /** Parses a policy resource that must be free of syntax errors. */
    public static Policy policy(String resource) {
        ParseResult<Policy> r = PolicyParser.parsePolicy(source(resource));
        return r.value().orElseThrow(() -> new AssertionError(resource + ": " + r.diagnostics()));
    }
}
