package org.micasim.policy.parse;

import java.util.List;
import org.micasim.policy.ast.Located;
import org.micasim.policy.grammar.PolicyBaseVisitor;
import org.micasim.policy.grammar.PolicyParser.ArrayContext;
import org.micasim.policy.grammar.PolicyParser.ArrayValueContext;
import org.micasim.policy.grammar.PolicyParser.FalseValueContext;
import org.micasim.policy.grammar.PolicyParser.IntValueContext;
import org.micasim.policy.grammar.PolicyParser.MemberContext;
import org.micasim.policy.grammar.PolicyParser.ObjectContext;
import org.micasim.policy.grammar.PolicyParser.ObjectValueContext;
import org.micasim.policy.grammar.PolicyParser.StringValueContext;
import org.micasim.policy.grammar.PolicyParser.TrueValueContext;

/** Maps the parse tree of the JSON-like layer onto {@link SyntaxValue}s; it checks nothing. */
final class TreeBuilder extends PolicyBaseVisitor<SyntaxValue> {
    private final String file;

    TreeBuilder(String file) {
        this.file = file;
    }

    SyntaxValue.ObjectValue object(ObjectContext ctx) {
        List<SyntaxValue.Member> members = ctx.members.stream().map(this::member).toList();
        return new SyntaxValue.ObjectValue(members, TokenSpans.of(file, ctx));
    }

    private SyntaxValue.Member member(MemberContext ctx) {
        Located<String> key = new Located<>(LiteralDecoder.unquote(ctx.key.getText()), TokenSpans.of(file, ctx.key));
        return new SyntaxValue.Member(key, visit(ctx.val), TokenSpans.of(file, ctx));
    }

    @Override
    public SyntaxValue visitObjectValue(ObjectValueContext ctx) {
        return object(ctx.object());
    }

    @Override
    public SyntaxValue visitArrayValue(ArrayValueContext ctx) {
        ArrayContext array = ctx.array();
        return new SyntaxValue.ArrayValue(array.elements.stream().map(this::visit).toList(), TokenSpans.of(file, array));
    }

    @Override
    public SyntaxValue visitStringValue(StringValueContext ctx) {
        return new SyntaxValue.StringValue(LiteralDecoder.unquote(ctx.getText()), TokenSpans.of(file, ctx));
    }

    @Override
    public SyntaxValue visitIntValue(IntValueContext ctx) {
        String text = ctx.getText();
        return new SyntaxValue.IntValue(LiteralDecoder.integer(text), text, TokenSpans.of(file, ctx));
    }

    @Override
    public SyntaxValue visitTrueValue(TrueValueContext ctx) {
        return new SyntaxValue.BoolValue(true, TokenSpans.of(file, ctx));
    }

    @Override
    public SyntaxValue visitFalseValue(FalseValueContext ctx) {
        return new SyntaxValue.BoolValue(false, TokenSpans.of(file, ctx));
    }
}
