package org.micasim.realms.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A scenario file exactly as written (docs/scenarios.md): what Jackson binds, before any check.
 * Absent optional fields are null here; {@link ScenarioLoader} checks everything and resolves the
 * defaults into a {@link Scenario}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "description", "seed", "profile", "mode", "baselines", "host", "realms", "channels"})
public record ScenarioFile(
        String name,
        String description,
        Long seed,
        String profile,
        String mode,
        List<String> baselines,
        Host host,
        List<Realm> realms,
        List<Channel> channels) {

    /** What the untrusted host does: {@code honest}, or one of the attacks with its target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Host(String behaviour, String target) {
    }

    /** One realm: its image, RECs, the program it runs with its ports and parameters, its policy. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "imageSize", "recs", "ipaBits", "workload", "policy"})
    public record Realm(
            String name,
            Quantity imageSize,
            Integer recs,
            Integer ipaBits,
            Workload workload,
            String policy) {
    }

    /** The program a realm runs, which channel each of its ports uses, and its numeric parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"program", "ports", "parameters"})
    public record Workload(String program, Map<String, String> ports, Map<String, Long> parameters) {
    }

    /**
     * A channel: a region shared by two realms (protected in Mica mode, host-shared in a baseline), or by
     * one gateway realm and the host (always host-shared).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "size", "direction", "ends"})
    public record Channel(String name, Quantity size, String direction, List<End> ends) {
    }

    /** Where one realm maps a channel: the base IPA in its protected half. */
    public record End(String realm, Quantity ipa) {
    }
}
