package org.micasim.policy.ast;

import java.util.Optional;

/**
 * {@code assert no-flow A -> B [bypassing C]} or {@code assert flow A -> B [bypassing C]}.
 * Endpoints are realm names, VM names or {@code HOST}.
 */
public record FlowAssertion(
        Kind kind,
        Located<String> source,
        Located<String> target,
        Optional<Located<String>> bypassing,
        SourceSpan span)
        implements PolicyNode {
    /** Whether the assertion requires that a path exists or that none does. */
    public enum Kind {
        NO_FLOW("no-flow"),
        FLOW("flow");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
