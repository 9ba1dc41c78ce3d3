package org.micasim.realms.cli.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one script line into tokens. Spaces, tabs and carriage returns separate words; {@code #} starts a
 * comment that runs to the end of the line (the language has no strings, so {@code #} can mean nothing else);
 * {@code =}, {@code (} and {@code )} are tokens of their own. Columns count characters from 1, a tab being one.
 */
final class ScriptTokenizer {
    private ScriptTokenizer() {}

    static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (isSeparator(c)) {
                i++;
                continue;
            }
            Token.Kind punctuation = punctuation(c);
            if (punctuation != null) {
                tokens.add(new Token(punctuation, String.valueOf(c), i + 1));
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && !isSeparator(line.charAt(i)) && punctuation(line.charAt(i)) == null
                    && line.charAt(i) != '#') {
                i++;
            }
            tokens.add(new Token(Token.Kind.WORD, line.substring(start, i), start + 1));
        }
        return tokens;
    }

    /** Column just past the last character that is not a comment or trailing blank, where a missing token belongs. */
    static int endColumn(String line) {
        int end = line.indexOf('#');
        if (end < 0) {
            end = line.length();
        }
        while (end > 0 && isSeparator(line.charAt(end - 1))) {
            end--;
        }
        return end + 1;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static Token.Kind punctuation(char c) {
        return switch (c) {
            case '=' -> Token.Kind.EQUALS;
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            default -> null;
        };
    }
}
