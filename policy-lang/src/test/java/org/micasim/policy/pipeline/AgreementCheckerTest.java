package org.micasim.policy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.flow.PipelineCheck;
import org.micasim.policy.parse.SourceFile;

/** Cross-realm rules beyond the published pipelines, on small inline pipelines. */
class AgreementCheckerTest {
    private static final String VMS = "\"VM1\": { \"hash\": 1 }, \"VM2\": { \"hash\": 2 }, \"VM3\": { \"hash\": 3 },";

    private static String realm(String name, String self, String rest) {
        return "realm " + name + " { \"Self\": \"" + self + "\", " + VMS + "\n" + rest + " }\n";
    }

    private static String mem(String maps) {
        return "\"Mem1\": { \"size\": 0x1000, \"type\": \"PROTECTED\", \"mappings\": { " + maps + " } }";
    }

    private static final String V1 = "\"VM1\": { \"gpa\": 0x0, \"prot\": \"RW\" }";
    private static final String V2 = "\"VM2\": { \"gpa\": 0x0, \"prot\": \"RW\" }";
    private static final String V3 = "\"VM3\": { \"gpa\": 0x0, \"prot\": \"RW\" }";

    private static List<String> check(String pipeline) {
        LoadedPipeline p = PipelineLoader.load(new SourceFile("t.pipeline", pipeline), null, null).orElseThrow();
        return PipelineCheck.run(p).stream().map(Diagnostic::render).toList();
    }

    @Test
    void anyCoveringMoreRealmsThanItsCount_isRejected() {
        String any = "\"ANY\": { \"gpa\": 0x0, \"prot\": \"RW\", \"any-count\": 1 }";
        assertEquals(List.of("t.pipeline:6:136: error: mapping VM3 of Mem1 in realm c would be realm number 2 admitted by"
                + " the ANY mapping of realm a (t.pipeline:2:99), whose any-count is 1",
                "t.pipeline:6:136: error: mapping VM3 of Mem1 in realm c has no counterpart in realm b's Mem1"
                + " (t.pipeline:4:1), which has no ANY mapping"),
                check(realm("a", "VM1", mem(V1 + ", " + any))
                        + realm("b", "VM2", mem(V1 + ", " + V2))
                        + realm("c", "VM3", mem(V1 + ", " + V2 + ", " + V3))));
    }

    @Test
    void namedPeerWithoutTheObject_isRejectedWithBothLocations() {
        assertEquals(List.of("t.pipeline:4:1: error: Mem1 of realm b names realm a, which has no Mem1 (t.pipeline:1:9)"),
                check(realm("a", "VM1", mem(V1).replace("Mem1", "Mem2")) + realm("b", "VM2", mem(V1 + ", " + V2))));
    }

    @Test
    void mappingMissingInTheOtherView_isRejected() {
        assertEquals(List.of("t.pipeline:2:136: error: mapping VM3 of Mem1 in realm a has no counterpart in realm b's Mem1"
                + " (t.pipeline:4:1), which has no ANY mapping",
                "t.pipeline:2:136: warning: VM3 (hash 0x3) is mapped by Mem1 of realm a but is no realm of this pipeline"),
                check(realm("a", "VM1", mem(V1 + ", " + V2 + ", " + V3.replace("0x0", "0x4000")))
                        + realm("b", "VM2", mem(V1 + ", " + V2))));
    }

    @Test
    void twoRealmsWithOneIdentity_isRejected() {
        assertEquals(List.of("t.pipeline:3:19: error: realm b identifies as hash 0x1, already bound to realm a (t.pipeline:1:19)"),
                check(realm("a", "VM1", mem(V1)) + realm("b", "VM1", mem(V1))));
    }

    @Test
    void uploadOrderThatSkipsValidation_isWarned() {
        String any = "\"ANY\": { \"gpa\": 0x0, \"prot\": \"RW\", \"any-count\": 1 }";
        assertEquals(List.of("t.pipeline:2:1: warning: Mem1 of realm ra is never checked against realm rnet: rnet uploads"
                + " later and its Mem1 (t.pipeline:4:1) does not name ra; list rnet before ra"),
                check(realm("ra", "VM2", mem(V1 + ", " + V2)) + realm("rnet", "VM1", mem(V1 + ", " + any))));
    }

    @Test
    void strictRealmMustRepeatExistingRules() {
        String cf = ",\n\"CF1\": { \"owner\": \"VM1\", \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"BLOCK\" }";
        String strictVms = VMS.replace("\"VM2\": { \"hash\": 2 }", "\"VM2\": { \"hash\": 2, \"strict\": true }");
        String b = "realm b { \"Self\": \"VM2\", " + strictVms + "\n" + mem(V2) + ",\n\"CF2\": { \"owner\": \"VM2\","
                + " \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"BLOCK\" } }\n";
        assertEquals(List.of("t.pipeline:4:19: error: strict realm b does not list the rule (owner hash 0x1, CALL, 0x17)"
                + " of CF1 of realm a (t.pipeline:3:52), which is already in the transition table"),
                check(realm("a", "VM1", mem(V1) + cf) + b));
    }

    @Test
    void mappingOfAVmOutsideThePipeline_isWarned() {
        assertEquals(List.of("t.pipeline:2:99: warning: VM3 (hash 0x3) is mapped by Mem1 of realm a but is no realm of"
                + " this pipeline"), check(realm("a", "VM1", mem(V1 + ", " + V3.replace("0x0", "0x8000")))));
    }

    @Test
    void moreRealmsThanTheMetadataTable_isRejected() {
        StringBuilder p = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            p.append("realm r").append(i).append(" { \"Self\": \"VM1\", \"VM1\": { \"hash\": ").append(i)
                    .append(" }, \"Mem1\": { \"size\": 0x1000, \"type\": \"PROTECTED\", \"mappings\": { ")
                    .append(V1).append(" } } }\n");
        }
        assertEquals(List.of("t.pipeline:9:7: error: realm r9 is realm number 9; the RMM's realm-metadata table holds 8"),
                check(p.toString()));
    }

    @Test
    void moreSharedGranulesThanTheSgt_isWarned() {
        String big = "\"size\": 0x1000000";
        String a = realm("a", "VM1", mem(V1 + ", " + V2).replace("\"size\": 0x1000", big));
        String b = realm("b", "VM2", mem(V1 + ", " + V2).replace("\"size\": 0x1000", big));
        assertEquals(List.of("t.pipeline:1:7: warning: the realms map 8192 granules of protected shared memory, but the"
                + " RMM's Shared Granule Table holds 4096 entries; prefaulting will fail"), check(a + b));
    }
}
