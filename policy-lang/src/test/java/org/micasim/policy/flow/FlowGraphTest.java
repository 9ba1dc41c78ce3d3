package org.micasim.policy.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.micasim.policy.TestResources;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.graph.DotWriter;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.LoadedPipeline;
import org.micasim.policy.pipeline.PipelineLoader;

class FlowGraphTest {
    private static LoadedPipeline load(String resource) {
        return PipelineLoader.load(TestResources.path(resource), new ArrayList<>()).orElseThrow();
    }

    private static LoadedPipeline inline(String text) {
        return PipelineLoader.load(new SourceFile("t.pipeline", text), null, null).orElseThrow();
    }

    private static List<String> paths(FlowGraph g, String from, String to, String avoid) {
        return g.paths(g.node(from).orElseThrow(), g.node(to).orElseThrow(), avoid == null ? null : g.node(avoid).orElseThrow())
                .stream().map(FlowPath::render).toList();
    }

    @Test
    void networkService_clientReachesHostOnlyThroughTheGateway() {
        FlowGraph g = FlowGraphBuilder.build(load("pipelines/network-service.pipeline").realms());
        assertEquals(List.of("ra -[Mem1]-> rnet -[gateway]-> HOST"), paths(g, "ra", "HOST", null));
        assertEquals(List.of(), paths(g, "ra", "HOST", "rnet"));
        assertEquals(List.of("HOST -[gateway]-> rnet -[Mem1]-> ra"), paths(g, "HOST", "ra", null));
    }

    @Test
    void networkService_report() {
        FlowGraph g = FlowGraphBuilder.build(load("pipelines/network-service.pipeline").realms());
        assertEquals("ra can reach: rnet, HOST\n"
                + "  ra -> rnet:\n    ra -[Mem1]-> rnet\n"
                + "  ra -> HOST:\n    ra -[Mem1]-> rnet -[gateway]-> HOST\n",
                FlowReport.render(g, g.node("ra"), Optional.empty()));
    }

    @Test
    void gatewayAlone_leavesItsAnySlotOpenToOutsiders() {
        LoadedPipeline p = inline("realm rnet " + TestResources.source("examples/rnet.json").text());
        FlowGraph g = FlowGraphBuilder.build(p.realms());
        assertEquals(List.of("ANY@Mem1 -[Mem1]-> rnet -[gateway]-> HOST"), paths(g, "ANY@Mem1", "HOST", null));
    }

    @Test
    void unprotectedObjectAndAllowedCall_reachTheHost() {
        String text = "realm a {\n\"Self\": \"VM1\", \"VM1\": { \"hash\": 1 },\n"
                + "\"Mem1\": { \"size\": 0x1000, \"type\": \"UNPROTECTED\", \"mappings\": { \"VM1\": { \"gpa\": 0x0, \"prot\": \"W\" } } },\n"
                + "\"CF1\": { \"owner\": \"VM1\", \"type\": \"CALL\", \"range\": [0x17], \"policy\": \"ALLOW\" } }\n"
                + "assert no-flow a -> HOST\n";
        LoadedPipeline p = inline(text);
        FlowGraph g = FlowGraphBuilder.build(p.realms());
        assertEquals(List.of("a -[Mem1 unprotected]-> HOST", "a -[CF1 of a CALL ALLOW]-> HOST"), paths(g, "a", "HOST", null));
        assertEquals(List.of("t.pipeline:5:1: error: assertion no-flow a -> HOST fails: a -[Mem1 unprotected]-> HOST;"
                + " a -[CF1 of a CALL ALLOW]-> HOST"),
                PipelineCheck.run(p).stream().map(Diagnostic::render).toList());
    }

    @Test
    void publishedGuardRailed_inferenceRealmIsAGatewayItself() {
        LoadedPipeline p = load("pipelines/guard-railed.pipeline");
        FlowGraph g = FlowGraphBuilder.build(p.realms());
        assertEquals("ri -[gateway]-> HOST", paths(g, "ri", "HOST", "rf").get(0));
    }

    @Test
    void hardenedGuardRailed_everyPathFromInferenceToGatewayPassesTheFilter() {
        FlowGraph g = FlowGraphBuilder.build(load("pipelines/guard-railed-hardened.pipeline").realms());
        assertEquals(List.of("ri -[Mem2]-> rf -[Mem1]-> rg"), paths(g, "ri", "rg", null));
        assertEquals(List.of(), paths(g, "ri", "HOST", "rf"));
    }

    @Test
    void failedAssertionsAndUnknownNames_areReportedAtTheAssertion() {
        String text = "realm rnet " + TestResources.source("examples/rnet.json").text()
                + "\nrealm ra " + TestResources.source("examples/ra.json").text()
                + "\nassert no-flow VM2 -> HOST\nassert flow ra -> HOST bypassing rnet\nassert flow ra -> nobody\n";
        LoadedPipeline p = inline(text);
        List<String> got = PipelineCheck.run(p).stream().map(Diagnostic::render).toList();
        assertEquals(List.of(
                "t.pipeline:37:1: error: assertion no-flow VM2 -> HOST fails: ra -[Mem1]-> rnet -[gateway]-> HOST",
                "t.pipeline:38:1: error: assertion flow ra -> HOST bypassing rnet fails: no path",
                "t.pipeline:39:19: error: unknown realm or VM nobody; the pipeline has rnet, ra, HOST"), got);
    }

    @Test
    void dot_marksGatewaysHostAndDirections() {
        FlowGraph g = FlowGraphBuilder.build(load("pipelines/guard-railed-hardened.pipeline").realms());
        String dot = DotWriter.write("gr", g);
        assertEquals("digraph \"gr\" {\n"
                + "  rankdir=LR;\n"
                + "  node [shape=box, fontname=\"Helvetica\"];\n"
                + "  edge [fontname=\"Helvetica\"];\n"
                + "  \"rg\" [label=\"rg (VM1 hash 0x1, gateway)\", peripheries=2, color=darkorange];\n"
                + "  \"rf\" [label=\"rf (VM2 hash 0x2)\"];\n"
                + "  \"ri\" [label=\"ri (VM3 hash 0x3)\"];\n"
                + "  \"HOST\" [label=\"HOST (untrusted)\", shape=octagon, style=filled, fillcolor=\"#f4cccc\", color=red];\n"
                + "  \"rg\" -> \"rf\" [label=\"Mem1\", dir=both];\n"
                + "  \"rf\" -> \"ri\" [label=\"Mem2\", dir=both];\n"
                + "  \"rg\" -> \"HOST\" [label=\"gateway\", dir=both, style=dashed, color=darkorange];\n"
                + "}\n", dot);
    }
}
