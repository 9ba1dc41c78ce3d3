package org.micasim.policy.parse;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.micasim.policy.ast.SourceSpan;

/** Spans of tokens and parse-tree nodes (ANTLR columns are 0-based, ours 1-based). */
final class TokenSpans {
    private TokenSpans() {}

    static SourceSpan of(String file, Token token) {
        int line = token.getLine();
        int col = token.getCharPositionInLine() + 1;
        if (token.getType() == Token.EOF) {
            return new SourceSpan(file, Math.max(line, 1), col, Math.max(line, 1), col);
        }
        return new SourceSpan(file, line, col, line, col + length(token));
    }

    static SourceSpan of(String file, ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null ? ctx.getStop() : start;
        SourceSpan first = of(file, start);
        SourceSpan last = of(file, stop);
        return SourceSpan.covering(first, last);
    }

    private static int length(Token token) {
        String text = token.getText();
        return text == null ? 0 : text.codePointCount(0, text.length());
    }
}
