package org.micasim.realms.host;

import java.util.Map;

/**
 * How a realm run ended and what the host saw on the way.
 *
 * @param reason    why the host stopped running the realm
 * @param exits     number of REC exits by RmiRecExitReason name
 * @param detail    human-readable detail (the PSCI function, or the failure)
 */
public record RunOutcome(Reason reason, Map<String, Long> exits, String detail) {
    /** Why the run ended. */
    public enum Reason {
        /** The realm called PSCI_SYSTEM_OFF. */
        SYSTEM_OFF,
        /** The realm called PSCI_SYSTEM_RESET. */
        SYSTEM_RESET,
        /** Every REC turned itself off (PSCI_CPU_OFF). */
        ALL_CPUS_OFF,
        /** The realm took an SError. */
        SERROR,
        /** The host's exit budget ran out. */
        EXIT_LIMIT
    }

    public RunOutcome {
        exits = Map.copyOf(exits);
    }
}
