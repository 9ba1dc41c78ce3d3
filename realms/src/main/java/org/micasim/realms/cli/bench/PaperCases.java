package org.micasim.realms.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.realms.scenario.Scenario;
import org.micasim.realms.scenario.ScenarioChecker;
import org.micasim.realms.scenario.ScenarioException;
import org.micasim.realms.scenario.ScenarioLoader;
import org.micasim.realms.workload.WorkloadCatalog;

/**
 * The attestation cases of the Mica authors' harness (reference mica.md §6.3) as scenarios:
 * {@code one_no_policy} (realm1 alone, no policy), {@code one} (realm1 with a policy), {@code two}
 * (realm1 and realm2 linked) and {@code three} (realm1, realm2, realm3 with the links realm1-realm2,
 * realm2-realm3 and realm1-realm3). realm1 is the gateway that attests the group. The realm1-realm2
 * link is the ping-pong channel.
 *
 * <p>Deviations from the harness, forced by Mica's published limits: the realm1-realm2 link is
 * {@link #LINK_BYTES} (4 MiB) rather than 64 MiB of ivshmem, because one policy object holds at most
 * 4096 pages and the SGT at most 4096 entries in all; the other links are two pages. Messages larger than
 * a ring go through it in fragments (the ring protocol's MORE flag).
 */
public final class PaperCases {
    /** The case names, in the harness's order. */
    public static final List<String> CASES = List.of("one_no_policy", "one", "two", "three");
    /** Size of the realm1-realm2 link (two rings of 2 MiB). */
    public static final long LINK_BYTES = 4L << 20;
    private static final long SMALL_LINK = 0x2000;
    private static final long NET_BYTES = 64 * 1024;
    private static final String IPA_A = "0x18000000000";
    private static final String IPA_B = "0x18004000000";
    private static final String IPA_NET = "0x18008000000";

    private final WorkloadCatalog catalog = new WorkloadCatalog().with(PaperPrograms.all());

    /** The catalog with the harness's programs. */
    public WorkloadCatalog catalog() {
        return catalog;
    }

    /**
     * The scenario of case {@code name}; for {@code two} and {@code three}, realm1 sends {@code bytes}
     * to realm2 and back {@code rounds} times after attestation.
     */
    public Scenario scenario(String name, long bytes, long rounds) throws ScenarioException {
        Map<String, String> policies = new TreeMap<>();
        List<String> realms = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        channels.add(channel("net", NET_BYTES, end("realm1", IPA_NET)));
        String traffic = String.format("\"parameters\": { \"bytes\": %d, \"rounds\": %d }", bytes, rounds);
        String echo = String.format("\"parameters\": { \"bytes\": %d }", bytes);
        switch (name) {
            case "one_no_policy" -> realms.add(realm("realm1", PaperPrograms.SOLO, "\"network\": \"net\"", "", null));
            case "one" -> {
                realms.add(realm("realm1", PaperPrograms.SOLO, "\"network\": \"net\"", "", "realm1.json"));
                // A policy needs a memory object; realm1's only memory besides its own is its host channel.
                policies.put("realm1.json", policy(1, 1, List.of(String.format("\"Mem9\": { \"size\": 0x%x, "
                        + "\"type\": \"UNPROTECTED\", \"mappings\": { \"VM1\": { \"gpa\": 0x%x, \"prot\": \"RW\" } } }",
                        NET_BYTES, (1L << (Scenario.DEFAULT_IPA_BITS - 1)) + Long.decode(IPA_NET)))));
            }
            case "two" -> {
                realms.add(realm("realm1", PaperPrograms.PING, "\"network\": \"net\", \"peer\": \"Mem1\"", traffic, "realm1.json"));
                realms.add(realm("realm2", PaperPrograms.PONG, "\"peer\": \"Mem1\"", echo, "realm2.json"));
                channels.add(channel("Mem1", LINK_BYTES, end("realm1", IPA_A), end("realm2", IPA_A)));
                String mem1 = object("Mem1", LINK_BYTES, 1, IPA_A, 2, IPA_A);
                policies.put("realm1.json", policy(1, 2, List.of(mem1)));
                policies.put("realm2.json", policy(2, 2, List.of(mem1)));
            }
            case "three" -> {
                realms.add(realm("realm1", PaperPrograms.PING3,
                        "\"network\": \"net\", \"peer\": \"Mem1\", \"link13\": \"Mem3\"", traffic, "realm1.json"));
                realms.add(realm("realm2", PaperPrograms.PONG3, "\"peer\": \"Mem1\", \"link23\": \"Mem2\"", echo, "realm2.json"));
                realms.add(realm("realm3", PaperPrograms.THIRD, "\"link13\": \"Mem3\", \"link23\": \"Mem2\"", "", "realm3.json"));
                channels.add(channel("Mem1", LINK_BYTES, end("realm1", IPA_A), end("realm2", IPA_A)));
                channels.add(channel("Mem2", SMALL_LINK, end("realm2", IPA_B), end("realm3", IPA_A)));
                channels.add(channel("Mem3", SMALL_LINK, end("realm1", IPA_B), end("realm3", IPA_B)));
                String mem1 = object("Mem1", LINK_BYTES, 1, IPA_A, 2, IPA_A);
                String mem2 = object("Mem2", SMALL_LINK, 2, IPA_B, 3, IPA_A);
                String mem3 = object("Mem3", SMALL_LINK, 1, IPA_B, 3, IPA_B);
                policies.put("realm1.json", policy(1, 3, List.of(mem1, mem3)));
                policies.put("realm2.json", policy(2, 3, List.of(mem1, mem2)));
                policies.put("realm3.json", policy(3, 3, List.of(mem2, mem3)));
            }
            default -> throw new ScenarioException("no paper case '" + name + "' (cases: " + String.join(", ", CASES) + ")");
        }
        String json = String.format("{ \"name\": \"paper-%s\", \"description\": \"Mica harness case %s\", \"seed\": 1, "
                + "\"profile\": \"default\", \"mode\": \"mica\", \"baselines\": [\"aes-cbc-hmac\", \"aes-ctr-hmac\"], "
                + "\"host\": { \"behaviour\": \"honest\" }, \"realms\": [%s], \"channels\": [%s] }",
                name.replace('_', '-'), name, String.join(", ", realms), String.join(", ", channels));
        return new ScenarioLoader(new ScenarioChecker(catalog)).parse(json, "paper case " + name, policies::get);
    }

    private static String realm(String name, String program, String ports, String parameters, String policy) {
        return String.format("{ \"name\": \"%s\", \"imageSize\": \"64KiB\", \"workload\": { \"program\": \"%s\", "
                + "\"ports\": { %s }%s }%s }", name, program, ports, parameters.isEmpty() ? "" : ", " + parameters,
                policy == null ? "" : ", \"policy\": \"" + policy + "\"");
    }

    private static String channel(String name, long size, String... ends) {
        return String.format("{ \"name\": \"%s\", \"size\": \"0x%x\", \"ends\": [%s] }", name, size, String.join(", ", ends));
    }

    private static String end(String realm, String ipa) {
        return String.format("{ \"realm\": \"%s\", \"ipa\": \"%s\" }", realm, ipa);
    }

    /** A Mica policy of VM{@code self} among VM1..VM{@code vms} (all non-strict gateways) with {@code objects}. */
    private static String policy(int self, int vms, List<String> objects) {
        StringBuilder sb = new StringBuilder("{\n  \"Self\": \"VM" + self + "\"");
        for (int v = 1; v <= vms; v++) {
            sb.append(",\n  \"VM").append(v).append("\": { \"hash\": 0x").append(v)
                    .append(", \"is-gateway\": true, \"strict\": false }");
        }
        for (String o : objects) {
            sb.append(",\n  ").append(o);
        }
        return sb.append("\n}\n").toString();
    }

    private static String object(String name, long size, int vmA, String ipaA, int vmB, String ipaB) {
        return String.format("\"%s\": { \"size\": 0x%x, \"type\": \"PROTECTED\", \"mappings\": { "
                + "\"VM%d\": { \"gpa\": %s, \"prot\": \"RW\" }, \"VM%d\": { \"gpa\": %s, \"prot\": \"RW\" } } }",
                name, size, vmA, ipaA, vmB, ipaB);
    }
}
