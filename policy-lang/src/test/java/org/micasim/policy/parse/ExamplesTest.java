package org.micasim.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.micasim.policy.TestResources;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.PolicyChecker;

/** Every example policy of mica.md §4.4, kept verbatim under resources/examples, parses. */
class ExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnet.json", "ra.json", "rg.json", "rf.json", "ri.json"})
    void publishedPolicy_parsesAndChecksWithoutDiagnostics(String name) {
        ParseResult<Policy> r = PolicyParser.parsePolicy(TestResources.source("examples/" + name));
        assertEquals(List.of(), r.diagnostics());
        assertEquals(List.of(), PolicyChecker.check(r.value().orElseThrow()));
    }

    @Test
    void prefaultHelper_parsesWithOnlyTheNotUploadableWarning() {
        ParseResult<Policy> r = PolicyParser.parsePolicy(TestResources.source("examples/prefault_shm2.json"));
        assertEquals(List.of(), r.diagnostics());
        List<String> rendered = PolicyChecker.check(r.value().orElseThrow()).stream().map(Diagnostic::render).toList();
        assertEquals(List.of("examples/prefault_shm2.json:1:1: warning: no \"Self\" and no VM: this is a helper"
                + " configuration (such as a prefault map); the RMM rejects it at upload"), rendered);
    }

    @Test
    void oldVocabulary_parsesButEveryRetiredKeyIsNamed() {
        ParseResult<Policy> r = PolicyParser.parsePolicy(TestResources.source("examples/old-vocabulary-policy1.json"));
        assertTrue(r.value().isPresent(), "the [C-old] example is well-formed syntax");
        List<String> rendered = r.diagnostics().stream().map(Diagnostic::render).toList();
        String f = "examples/old-vocabulary-policy1.json:";
        assertEquals(List.of(
                f + "3:25: error: unknown key \"allowed-untrusted\" in VM1; expected \"hash\", \"is-gateway\" or \"strict\"",
                f + "3:52: error: unknown key \"allowed-other-mappings\" in VM1; expected \"hash\", \"is-gateway\" or \"strict\"",
                f + "4:25: error: unknown key \"allowed-untrusted\" in VM2; expected \"hash\", \"is-gateway\" or \"strict\"",
                f + "4:52: error: unknown key \"allowed-other-mappings\" in VM2; expected \"hash\", \"is-gateway\" or \"strict\"",
                f + "7:5: error: unknown key \"properties\" in Mem1; expected \"size\", \"type\" or \"mappings\"",
                f + "8:5: error: unknown key \"on-remove\" in Mem1; expected \"size\", \"type\" or \"mappings\"",
                f + "9:5: error: unknown key \"owner\" in Mem1; expected \"size\", \"type\" or \"mappings\"",
                f + "10:5: error: unknown key \"mapped\" in Mem1; expected \"size\", \"type\" or \"mappings\"",
                f + "5:3: error: missing \"type\" in Mem1",
                f + "16:3: error: unknown key \"Ch1\"; expected \"Self\", \"VM<id>\", \"Mem<id>\" or \"CF<id>\""),
                rendered);
    }
}
