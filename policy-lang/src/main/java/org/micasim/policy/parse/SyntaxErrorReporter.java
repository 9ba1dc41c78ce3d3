package org.micasim.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.grammar.PolicyLexer;

/**
 * Turns the parser's view of an error (offending token, expected token set) into one diagnostic
 * in words: "expected ',' or '}' but found "VM2"". Only the first error is kept.
 */
final class SyntaxErrorReporter {
    private static final int[] VALUE_START = {
        PolicyLexer.LBRACE, PolicyLexer.LBRACKET, PolicyLexer.STRING,
        PolicyLexer.INT, PolicyLexer.TRUE, PolicyLexer.FALSE
    };

    private final String file;
    private Diagnostic first;

    SyntaxErrorReporter(String file) {
        this.file = file;
    }

    Optional<Diagnostic> error() {
        return Optional.ofNullable(first);
    }

    void report(Token offending, IntervalSet expected) {
        if (first == null) {
            first = Diagnostic.error(DiagnosticCode.SYNTAX, TokenSpans.of(file, offending), message(offending, expected));
        }
    }

    void reportAt(Token token, String message) {
        if (first == null) {
            first = Diagnostic.error(DiagnosticCode.SYNTAX, TokenSpans.of(file, token), message);
        }
    }

    /** The message for a token the lexer produced only to name a lexical error, if it is one. */
    static Optional<String> lexicalError(Token token) {
        return switch (token.getType()) {
            case PolicyLexer.UNTERMINATED_STRING -> Optional.of("unterminated string");
            case PolicyLexer.UNTERMINATED_COMMENT -> Optional.of("unterminated comment");
            case PolicyLexer.UNEXPECTED_CHAR -> Optional.of("unexpected character " + character(token.getText()));
            default -> Optional.empty();
        };
    }

    private static String message(Token offending, IntervalSet expected) {
        Optional<String> lexical = lexicalError(offending);
        if (lexical.isPresent()) {
            return lexical.get();
        }
        return "expected " + describe(expected) + " but found " + found(offending);
    }

    private static String character(String text) {
        int cp = text.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || cp == 0xfffd || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "'";
    }

    private static String found(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case PolicyLexer.STRING, PolicyLexer.INT, PolicyLexer.IDENT -> token.getText();
            default -> "'" + token.getText() + "'";
        };
    }

    private static String describe(IntervalSet expected) {
        List<String> words = new ArrayList<>();
        IntervalSet rest = new IntervalSet(expected);
        boolean anyValue = true;
        for (int t : VALUE_START) {
            anyValue &= expected.contains(t);
        }
        if (anyValue) {
            words.add("a value");
            for (int t : VALUE_START) {
                rest.remove(t);
            }
        }
        for (int t : rest.toList()) {
            if (t != Token.EPSILON) {
                words.add(name(t));
            }
        }
        if (words.isEmpty()) {
            return "nothing more";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String name(int tokenType) {
        return switch (tokenType) {
            case Token.EOF -> "end of file";
            case PolicyLexer.STRING -> "a string";
            case PolicyLexer.INT -> "an integer";
            case PolicyLexer.IDENT -> "a name";
            default -> PolicyLexer.VOCABULARY.getLiteralName(tokenType) != null
                    ? PolicyLexer.VOCABULARY.getLiteralName(tokenType)
                    : PolicyLexer.VOCABULARY.getSymbolicName(tokenType);
        };
    }
}
