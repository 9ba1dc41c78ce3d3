package org.micasim.policy.parse;

import org.micasim.policy.ast.Literals;
import java.math.BigInteger;
import java.util.List;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.SourceSpan;

/**
 * The JSON-like layer of the language: what the grammar recognises before any key has meaning.
 * {@link PolicyReader} gives the keys their meaning.
 */
public sealed interface SyntaxValue {
    SourceSpan span();

    /** How the value is named in "must be X, found Y" messages. */
    String describe();

    /** {@code { "key": value, ... }} */
    record ObjectValue(List<Member> members, SourceSpan span) implements SyntaxValue {
        public ObjectValue {
            members = List.copyOf(members);
        }

        @Override
        public String describe() {
            return "an object";
        }
    }

    /** {@code "key": value} */
    record Member(Located<String> key, SyntaxValue value, SourceSpan span) {}

    /** {@code [ value, ... ]} */
    record ArrayValue(List<SyntaxValue> elements, SourceSpan span) implements SyntaxValue {
        public ArrayValue {
            elements = List.copyOf(elements);
        }

        @Override
        public String describe() {
            return "an array";
        }
    }

    /** A string, with escapes already decoded. */
    record StringValue(String value, SourceSpan span) implements SyntaxValue {
        @Override
        public String describe() {
            return Literals.quote(value);
        }
    }

    /** An integer literal; {@code text} keeps its spelling for messages. */
    record IntValue(BigInteger value, String text, SourceSpan span) implements SyntaxValue {
        @Override
        public String describe() {
            return text;
        }
    }

    /** {@code true} or {@code false} */
    record BoolValue(boolean value, SourceSpan span) implements SyntaxValue {
        @Override
        public String describe() {
            return Boolean.toString(value);
        }
    }
}
