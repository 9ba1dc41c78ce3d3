package org.micasim.realms.cli.policy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.pipeline.LoadedPipeline;
import org.micasim.policy.pipeline.PipelineLoader;
import org.micasim.policy.parse.SourceFile;

/** Reading and writing the files the policy commands work on, with errors as messages. */
final class InputFiles {
    private InputFiles() {}

    static Optional<SourceFile> readSource(Path path, DiagnosticPrinter printer) {
        try {
            return Optional.of(SourceFile.read(path));
        } catch (IOException e) {
            printer.fileError(path.toString(), "cannot read file: " + reason(e));
            return Optional.empty();
        }
    }

    static Optional<byte[]> readBytes(Path path, DiagnosticPrinter printer) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (IOException e) {
            printer.fileError(path.toString(), "cannot read file: " + reason(e));
            return Optional.empty();
        }
    }

    static boolean write(Path path, byte[] bytes, DiagnosticPrinter printer) {
        try {
            Files.write(path, bytes);
            return true;
        } catch (IOException e) {
            printer.fileError(path.toString(), "cannot write file: " + reason(e));
            return false;
        }
    }

    /** Loads a pipeline; on failure the problem has been printed. */
    static Optional<LoadedPipeline> pipeline(Path path, DiagnosticPrinter printer) {
        List<Diagnostic> unreadable = new ArrayList<>();
        Optional<LoadedPipeline> p = PipelineLoader.load(path, unreadable);
        if (p.isEmpty()) {
            printer.print(unreadable, java.util.Map.of());
        }
        return p;
    }

    /**
     * Loads a pipeline for analysis and prints its loading diagnostics; empty (with the problems
     * printed) unless every realm's policy compiled.
     */
    static Optional<LoadedPipeline> completePipeline(Path path, DiagnosticPrinter printer) {
        Optional<LoadedPipeline> p = pipeline(path, printer);
        if (p.isEmpty()) {
            return p;
        }
        printer.print(p.get().diagnostics(), p.get().sources());
        return p.get().complete() ? p : Optional.empty();
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
