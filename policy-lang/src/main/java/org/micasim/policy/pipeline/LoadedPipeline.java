package org.micasim.policy.pipeline;

import java.util.List;
import java.util.Map;
import org.micasim.policy.ast.PipelineFile;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.parse.SourceFile;

/**
 * A pipeline file with every realm's policy read: the realms whose policies compiled (in upload
 * order), the diagnostics of the pipeline file and of every policy, and every source text by name
 * (for printing the offending lines).
 */
public record LoadedPipeline(
        PipelineFile file, List<Realm> realms, List<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
    public LoadedPipeline {
        realms = List.copyOf(realms);
        diagnostics = List.copyOf(diagnostics);
        sources = Map.copyOf(sources);
    }

    /** Whether every realm compiled and the pipeline file itself is sound. */
    public boolean complete() {
        return !Diagnostic.anyError(diagnostics);
    }
}
