package org.micasim.policy.ast;

import java.util.Optional;

/**
 * {@code realm NAME "path"} or {@code realm NAME { inline policy }} in a pipeline file. Exactly one
 * of {@code path} and {@code inline} is present; an inline policy that could not be read is absent
 * together with the path, and its diagnostics are reported by the parser.
 */
public record RealmEntry(
        Located<String> name,
        Optional<Located<String>> path,
        Optional<Policy> inline,
        SourceSpan span)
        implements PolicyNode {}
