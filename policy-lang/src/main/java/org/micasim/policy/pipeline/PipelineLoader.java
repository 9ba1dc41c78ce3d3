package org.micasim.policy.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.PipelineFile;
import org.micasim.policy.ast.RealmEntry;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/**
 * Reads a pipeline file and the policy of every realm it names. Paths are relative to the
 * directory of the pipeline file.
 */
public final class PipelineLoader {
    private PipelineLoader() {}

    /** Reads {@code path}; a file that cannot be read gives a diagnostic, never an exception. */
    public static Optional<LoadedPipeline> load(Path path, List<Diagnostic> unreadable) {
        SourceFile source;
        try {
            source = SourceFile.read(path);
        } catch (IOException e) {
            unreadable.add(Diagnostic.error(DiagnosticCode.INPUT, SourceSpan.wholeFile(path.toString()),
                    "cannot read file: " + describe(e)));
            return Optional.empty();
        }
        return load(source, path.toAbsolutePath().getParent(), path.getParent());
    }

    /**
     * Reads a pipeline from {@code source}; realm paths resolve against {@code baseDir} and are
     * shown relative to {@code shownDir} (null: as written).
     */
    public static Optional<LoadedPipeline> load(SourceFile source, Path baseDir, Path shownDir) {
        ParseResult<PipelineFile> parsed = PolicyParser.parsePipeline(source);
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        sources.put(source.name(), source);
        if (parsed.value().isEmpty()) {
            return Optional.of(new LoadedPipeline(
                    new PipelineFile(Optional.empty(), List.of(), List.of(), SourceSpan.wholeFile(source.name())),
                    List.of(), parsed.diagnostics(), sources));
        }
        PipelineFile file = parsed.value().get();
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics().stream()
                .filter(d -> file.realms().stream().noneMatch(r -> r.inline().isPresent() && within(d, r)))
                .toList());
        List<Realm> realms = new ArrayList<>();
        for (RealmEntry entry : file.realms()) {
            PolicyUnit unit;
            if (entry.inline().isPresent()) {
                List<Diagnostic> own = parsed.diagnostics().stream().filter(d -> within(d, entry)).toList();
                unit = PolicyUnit.of(entry.inline(), own);
            } else {
                Optional<SourceFile> policySource = readPolicy(entry.path().orElseThrow(), baseDir, shownDir, diagnostics);
                if (policySource.isEmpty()) {
                    continue;
                }
                sources.put(policySource.get().name(), policySource.get());
                unit = PolicyUnit.of(policySource.get());
            }
            diagnostics.addAll(unit.diagnostics());
            unit.payload().ifPresent(p -> realms.add(new Realm(entry.name(), unit.policy().orElseThrow(), p)));
        }
        return Optional.of(new LoadedPipeline(file, realms, diagnostics, sources));
    }

    /** Whether a diagnostic of the pipeline file lies inside a realm entry (its inline policy). */
    private static boolean within(Diagnostic d, RealmEntry entry) {
        var at = d.span();
        var in = entry.span();
        boolean afterStart = at.line() > in.line() || (at.line() == in.line() && at.col() >= in.col());
        boolean beforeEnd = at.line() < in.endLine() || (at.line() == in.endLine() && at.col() < in.endCol());
        return at.file().equals(in.file()) && afterStart && beforeEnd;
    }

    private static Optional<SourceFile> readPolicy(
            Located<String> path, Path baseDir, Path shownDir, List<Diagnostic> diagnostics) {
        Path resolved = baseDir == null ? Path.of(path.value()) : baseDir.resolve(path.value());
        String shown = shownDir == null ? path.value() : shownDir.resolve(path.value()).normalize().toString();
        try {
            SourceFile read = SourceFile.read(resolved);
            return Optional.of(new SourceFile(shown, read.text()));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.PIPELINE, path.span(), "cannot read policy " + shown + ": " + describe(e)));
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
