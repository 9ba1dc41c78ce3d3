package org.micasim.policy.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.micasim.policy.ast.FlowAssertion;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.PipelineFile;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.RealmEntry;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.grammar.PolicyParser.FlowAssertionContext;
import org.micasim.policy.grammar.PolicyParser.NoFlowContext;
import org.micasim.policy.grammar.PolicyParser.PipelineFileContext;
import org.micasim.policy.grammar.PolicyParser.PipelineItemContext;
import org.micasim.policy.grammar.PolicyParser.RealmByPathContext;
import org.micasim.policy.grammar.PolicyParser.RealmInlineContext;

/** Builds a {@link PipelineFile} from its parse tree; inline policies go through {@link PolicyReader}. */
final class PipelineReader {
    private final String file;
    private final List<Diagnostic> diagnostics;

    PipelineReader(String file, List<Diagnostic> diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    PipelineFile read(PipelineFileContext ctx) {
        Optional<Located<String>> title = Optional.ofNullable(ctx.header)
                .map(h -> new Located<>(LiteralDecoder.unquote(h.name.getText()), TokenSpans.of(file, h.name)));
        List<RealmEntry> realms = new ArrayList<>();
        List<FlowAssertion> assertions = new ArrayList<>();
        Map<String, RealmEntry> byName = new LinkedHashMap<>();
        for (PipelineItemContext item : ctx.items) {
            if (item instanceof FlowAssertionContext a) {
                assertions.add(assertion(a));
                continue;
            }
            RealmEntry realm = item instanceof RealmByPathContext p ? byPath(p) : inline((RealmInlineContext) item);
            RealmEntry first = byName.putIfAbsent(realm.name().value(), realm);
            if (first != null) {
                diagnostics.add(Diagnostic.error(DiagnosticCode.PIPELINE, realm.name().span(),
                        "duplicate realm " + realm.name().value() + " (first at " + first.name().span().lineCol() + ")"));
            } else {
                realms.add(realm);
            }
        }
        return new PipelineFile(title, realms, assertions, TokenSpans.of(file, ctx));
    }

    private RealmEntry byPath(RealmByPathContext ctx) {
        Located<String> path = new Located<>(LiteralDecoder.unquote(ctx.path.getText()), TokenSpans.of(file, ctx.path));
        return new RealmEntry(name(ctx.name), Optional.of(path), Optional.empty(), TokenSpans.of(file, ctx));
    }

    private RealmEntry inline(RealmInlineContext ctx) {
        SyntaxValue.ObjectValue body = new TreeBuilder(file).object(ctx.inline);
        Policy policy = new PolicyReader(diagnostics).read(body);
        return new RealmEntry(name(ctx.name), Optional.empty(), Optional.of(policy), TokenSpans.of(file, ctx));
    }

    private FlowAssertion assertion(FlowAssertionContext ctx) {
        FlowAssertion.Kind kind = ctx.kind instanceof NoFlowContext ? FlowAssertion.Kind.NO_FLOW : FlowAssertion.Kind.FLOW;
        return new FlowAssertion(
                kind,
                name(ctx.source),
                name(ctx.target),
                Optional.ofNullable(ctx.via).map(this::name),
                TokenSpans.of(file, ctx));
    }

    private Located<String> name(Token token) {
        return new Located<>(token.getText(), TokenSpans.of(file, token));
    }
}
