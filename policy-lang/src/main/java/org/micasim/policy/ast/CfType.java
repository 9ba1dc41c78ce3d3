package org.micasim.policy.ast;

/**
 * Kind of Realm exit a control-transfer rule applies to.
 *
 * <p>@spec mica.md §4.5, CF_TYPE_CALL=1 CF_TYPE_EXCEPTION=2 CF_TYPE_OTHER=3
 */
public enum CfType implements PolicyKeyword {
    CALL(1),
    EXCEPTION(2),
    OTHER(3);

    private final int encoding;

    CfType(int encoding) {
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
