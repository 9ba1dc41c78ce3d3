package org.micasim.realms.scenario;

/**
 * What the untrusted host does during a run. Every attack names its target in the scenario's
 * {@code host.target}.
 */
public enum HostBehaviour {
    /** Builds and runs the realms as asked and does nothing else. */
    HONEST("honest", false),
    /**
     * Tries to read a channel's memory while the realms use it (target: a channel): with Mica the granule
     * protection check stops the host; in a baseline it reads ciphertext only.
     */
    SNOOP_CHANNEL("snoop-channel", true),
    /**
     * Flips one byte of a channel's ring data area while it carries messages (target: a channel): with
     * Mica the host cannot write it; in a baseline the receiver's MAC check detects it and the realm stops.
     */
    TAMPER_CHANNEL("tamper-channel", true),
    /**
     * After the target realm's policy is active, maps a fresh host granule into its unprotected IPA space
     * (target: a realm), a path by which a realm could leak data: with Mica the RMM refuses it for a
     * non-gateway realm; plain CCA (the baselines) allows it.
     */
    MAP_UNPROTECTED("map-unprotected", false);

    private final String label;
    private final boolean needsChannelTarget;

    HostBehaviour(String label, boolean needsChannelTarget) {
        this.label = label;
        this.needsChannelTarget = needsChannelTarget;
    }

    public String label() {
        return label;
    }

    /** Whether {@code host.target} must name a channel. */
    public boolean needsChannelTarget() {
        return needsChannelTarget;
    }

    /** Whether {@code host.target} must name a realm. */
    public boolean needsRealmTarget() {
        return this == MAP_UNPROTECTED;
    }

    /** The behaviour called {@code label}, or null. */
    public static HostBehaviour fromLabel(String label) {
        for (HostBehaviour b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        return null;
    }

    /** All labels, for messages. */
    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (HostBehaviour b : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.label);
        }
        return sb.toString();
    }
}
