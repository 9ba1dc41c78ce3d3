package org.micasim.realms.cli.script;

/**
 * One lexical unit of a script line: a word, or one of the punctuation characters {@code = ( )}.
 *
 * @param kind   what the token is
 * @param text   its characters exactly as written
 * @param column 1-based column of its first character
 */
record Token(Kind kind, String text, int column) {

    /** The token kinds; punctuation is split off so that {@code key=value} and {@code key = value} read alike. */
    enum Kind {
        WORD,
        EQUALS,
        LPAREN,
        RPAREN
    }

    /** The text quoted for a diagnostic, with control and non-ASCII characters escaped so messages stay one line. */
    String quoted() {
        return quote(text);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('\'').toString();
    }
}
