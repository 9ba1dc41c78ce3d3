package org.micasim.policy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.policy.TestResources;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.flow.PipelineCheck;

class PipelineCheckTest {
    static List<String> check(String resource) {
        List<Diagnostic> unreadable = new ArrayList<>();
        LoadedPipeline p = PipelineLoader.load(TestResources.path(resource), unreadable).orElseThrow();
        return PipelineCheck.run(p).stream().map(d -> d.render().replace(TestResources.path("").toString() + "/", "")).toList();
    }

    @Test
    void networkService_passes() {
        assertEquals(List.of(), check("pipelines/network-service.pipeline"));
    }

    @Test
    void guardRailed_passes() {
        assertEquals(List.of(), check("pipelines/guard-railed.pipeline"));
    }

    @Test
    void guardRailedHardened_passes() {
        assertEquals(List.of(), check("pipelines/guard-railed-hardened.pipeline"));
    }

    @Test
    void agentPipeline_passes() {
        assertEquals(List.of(), check("pipelines/agent/agent-llm-rnet.pipeline"));
    }

    @Test
    void inconsistentCopy_reportsEachDisagreementWithBothLocations() {
        String f = "pipelines/guard-railed-inconsistent.pipeline:";
        assertEquals(List.of(
                f + "27:13: error: size 0x3000 of Mem1 in realm rf disagrees with size 0x2000 in realm rg (" + f + "11:13)",
                f + "42:54: error: CF1 of realm rf gives (owner hash 0x3, CALL, 0x17) policy BLOCK, but CF1 of realm rg ("
                        + f + "18:54) gives ALLOW",
                f + "54:7: error: mapping VM2 of Mem2 in realm ri has gpa 0x18008000000 but realm rf (" + f + "38:7)"
                        + " has 0x18004000000",
                f + "48:3: error: VM2 of realm ri has is-gateway false, strict false but realm rf (" + f + "24:3) has"
                        + " is-gateway true, strict false",
                f + "55:7: error: mapping VM3 of Mem2 in realm ri has prot R but realm rf (" + f + "39:7) has RW"),
                check("pipelines/guard-railed-inconsistent.pipeline"));
    }
}
