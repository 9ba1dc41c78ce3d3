package org.micasim.realms.workload;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A realm program the scenarios can name: its ports (and how each is used), its numeric parameters with
 * their defaults, the port (if any) that faces the host's network, and the host service at its other
 * end.
 *
 * @param hostPort the port a scenario must connect to a host channel, or null
 * @param hostService what the untrusted host runs at the other end of {@code hostPort}, or null
 */
public record ProgramSpec(
        String name,
        String summary,
        Map<String, PortUse> ports,
        Map<String, Long> defaults,
        String hostPort,
        HostService.Factory hostService,
        Supplier<Workload> factory) {
}
