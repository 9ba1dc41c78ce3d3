package org.micasim.policy.ast;

/**
 * What happens to a Realm exit matched by a control-transfer rule.
 *
 * <p>@spec mica.md §4.5, CF_POLICY_BLOCK=1 CF_POLICY_ALLOW=2 CF_POLICY_OTHER=3
 */
public enum CfPolicy implements PolicyKeyword {
    BLOCK(1),
    ALLOW(2),
    OTHER(3);

    private final int encoding;

    CfPolicy(int encoding) {
        this.encoding = encoding;
    }

    @Override
    public int encoding() {
        return encoding;
    }

    @Override
    public String keyword() {
        return name();
    }
}
