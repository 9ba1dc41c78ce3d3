package org.micasim.policy.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Stops at the first syntax error, without inventing or deleting tokens to carry on: a policy that
 * does not parse is rejected as a whole, and the one message given is about the real problem.
 */
final class FailFastErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxErrorReporter reporter;

    FailFastErrorStrategy(SyntaxErrorReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : recognizer.getExpectedTokens();
        reporter.report(offending, expected);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw new ParseCancellationException(e);
    }

    /**
     * Checks, at the start of a block or loop, that the next token can start something there; this
     * gives "expected ',' or '}'" rather than just "expected '}'" once a loop has been left.
     */
    @Override
    public void sync(Parser recognizer) {
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        int la = recognizer.getInputStream().LA(1);
        IntervalSet next = recognizer.getATN().nextTokens(state);
        if (next.contains(la) || next.contains(Token.EPSILON)) {
            return;
        }
        switch (state.getStateType()) {
            case ATNState.BLOCK_START, ATNState.STAR_BLOCK_START, ATNState.PLUS_BLOCK_START,
                    ATNState.STAR_LOOP_ENTRY, ATNState.PLUS_LOOP_BACK, ATNState.STAR_LOOP_BACK -> {
                reporter.report(recognizer.getCurrentToken(), recognizer.getExpectedTokens());
                throw new ParseCancellationException("syntax error");
            }
            default -> {
                // other states make no decision; the next match reports the error
            }
        }
    }
}
