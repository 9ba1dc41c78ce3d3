package org.micasim.policy.check;

/** How bad a diagnostic is: errors make a check fail (exit status 2), warnings do not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed between position and message. */
    public String label() {
        return label;
    }
}
