package org.micasim.realms.workload;

import java.util.List;
import java.util.Map;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;

/**
 * What the host runs at the network end of a gateway's host channel (a NIC, a client sending prompts,
 * a camera): it pumps the two rings without blocking whenever the host has the PE, between REC entries.
 */
public interface HostService {
    /**
     * Moves whatever can move now.
     *
     * @return true once the service has nothing more to send and has received everything it expects
     */
    boolean pump(RingProducer toRealm, RingConsumer fromRealm);

    /** What the service saw, as lines for the run summary. */
    List<String> report();

    /** Whether everything the realm returned was what the service expected. */
    boolean ok();

    /** Makes a service from the gateway realm's parameters (defaults applied) and the scenario seed. */
    @FunctionalInterface
    interface Factory {
        HostService create(Map<String, Long> parameters, long seed);
    }
}
