package org.micasim.policy.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.micasim.policy.ast.PipelineFile;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.grammar.PolicyLexer;
import org.micasim.policy.grammar.PolicyParser.PipelineFileContext;
import org.micasim.policy.grammar.PolicyParser.PolicyFileContext;

/**
 * The front door of the language: reads policy and pipeline sources into syntax trees, collecting
 * every diagnostic instead of throwing. Hides ANTLR from the rest of the code.
 */
public final class PolicyParser {
    /** Largest source accepted, the limit of the guest converter (mica.md §4.2). */
    public static final int MAX_SOURCE_BYTES = 1 << 20;

    /** Deepest nesting of braces and brackets accepted; valid policies need 4, pipelines 5. */
    public static final int MAX_NESTING = 64;

    private PolicyParser() {}

    /** Parses a policy file and gives its keys meaning. */
    public static ParseResult<Policy> parsePolicy(SourceFile source) {
        ParseResult<PolicyFileContext> tree = parse(source, org.micasim.policy.grammar.PolicyParser::policyFile);
        if (tree.value().isEmpty()) {
            return new ParseResult<>(Optional.empty(), tree.diagnostics());
        }
        SyntaxValue.ObjectValue body = new TreeBuilder(source.name()).object(tree.value().get().body);
        List<Diagnostic> diagnostics = new ArrayList<>(tree.diagnostics());
        Policy policy = new PolicyReader(diagnostics).read(body);
        return new ParseResult<>(Optional.of(policy), diagnostics);
    }

    /** Parses a pipeline file; inline policies are read as by {@link #parsePolicy}. */
    public static ParseResult<PipelineFile> parsePipeline(SourceFile source) {
        ParseResult<PipelineFileContext> tree = parse(source, org.micasim.policy.grammar.PolicyParser::pipelineFile);
        if (tree.value().isEmpty()) {
            return new ParseResult<>(Optional.empty(), tree.diagnostics());
        }
        List<Diagnostic> diagnostics = new ArrayList<>(tree.diagnostics());
        PipelineFile pipeline = new PipelineReader(source.name(), diagnostics).read(tree.value().get());
        return new ParseResult<>(Optional.of(pipeline), diagnostics);
    }

    /**
     * Whether {@code text} looks like a policy (its first token is '{') rather than a pipeline.
     * Used by tools that accept both.
     */
    public static boolean looksLikePolicy(String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        return lexer.nextToken().getType() == PolicyLexer.LBRACE;
    }

    private static <C extends ParserRuleContext> ParseResult<C> parse(
            SourceFile source, Function<org.micasim.policy.grammar.PolicyParser, C> entry) {
        Optional<Diagnostic> tooLarge = checkSize(source);
        if (tooLarge.isPresent()) {
            return new ParseResult<>(Optional.empty(), List.of(tooLarge.get()));
        }
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        SyntaxErrorReporter reporter = new SyntaxErrorReporter(source.name());
        checkNesting(tokens.getTokens(), reporter);
        if (reporter.error().isPresent()) {
            return new ParseResult<>(Optional.empty(), List.of(reporter.error().get()));
        }
        org.micasim.policy.grammar.PolicyParser parser = new org.micasim.policy.grammar.PolicyParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new FailFastErrorStrategy(reporter));
        try {
            C tree = entry.apply(parser);
            return new ParseResult<>(Optional.of(tree), List.of());
        } catch (ParseCancellationException e) {
            return new ParseResult<>(Optional.empty(), List.of(reporter.error().orElseGet(
                    () -> Diagnostic.error(DiagnosticCode.SYNTAX, SourceSpan.wholeFile(source.name()), "syntax error"))));
        } catch (StackOverflowError e) {
            return new ParseResult<>(Optional.empty(), List.of(Diagnostic.error(
                    DiagnosticCode.SYNTAX, SourceSpan.wholeFile(source.name()), "input is too complex to parse")));
        }
    }

    private static Optional<Diagnostic> checkSize(SourceFile source) {
        if (source.text().length() <= MAX_SOURCE_BYTES / 4) {
            return Optional.empty();
        }
        int bytes = source.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_SOURCE_BYTES) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(DiagnosticCode.INPUT, SourceSpan.wholeFile(source.name()),
                "file is " + bytes + " bytes; at most " + MAX_SOURCE_BYTES + " bytes (1 MiB) are accepted"));
    }

    /**
     * Rejects nesting deeper than {@link #MAX_NESTING} before parsing, so that the recursive-descent
     * parser never runs out of stack. Lexical errors are left to the parser, which meets them in
     * order with the syntax errors.
     */
    private static void checkNesting(List<Token> tokens, SyntaxErrorReporter reporter) {
        int depth = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case PolicyLexer.LBRACE, PolicyLexer.LBRACKET -> {
                    if (++depth > MAX_NESTING) {
                        reporter.reportAt(t, "nesting deeper than " + MAX_NESTING + " levels");
                        return;
                    }
                }
                case PolicyLexer.RBRACE, PolicyLexer.RBRACKET -> depth = Math.max(0, depth - 1);
                default -> {
                    // other tokens do not nest
                }
            }
        }
    }
}
