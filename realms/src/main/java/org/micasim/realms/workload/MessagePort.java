package org.micasim.realms.workload;

/** One named end of a channel as a program sees it: whole messages in, whole messages out. */
public interface MessagePort {
    /** Sends one message, waiting while the ring is full. */
    void send(byte[] message);

    /** Receives one message, waiting while the ring is empty; null once the peer has closed. */
    byte[] receive();

    /** Closes the sending direction: the peer's next receive past the last message returns null. */
    void close();
}
