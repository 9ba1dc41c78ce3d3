package org.micasim.realms.workload;

/** How a program uses one of its ports. */
public enum PortUse {
    /** Only sends (the producer of a one-way ring). */
    SEND,
    /** Only receives (the consumer of a one-way ring). */
    RECEIVE,
    /** Sends and receives (a two-way channel: one ring each way). */
    DUPLEX;

    /** Whether a port used this way can sit on a channel end that offers {@code offered}. */
    public boolean fits(PortUse offered) {
        return offered == DUPLEX ? this == DUPLEX : this == offered;
    }
}
