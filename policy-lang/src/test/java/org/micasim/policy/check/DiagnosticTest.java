package org.micasim.policy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.micasim.policy.ast.SourceSpan;

class DiagnosticTest {
    private static final String NL = System.lineSeparator();

    @Test
    void render_positionSeverityMessage() {
        Diagnostic d = Diagnostic.warning(DiagnosticCode.AGREEMENT, new SourceSpan("a.json", 3, 7, 3, 9), "look here");
        assertEquals("a.json:3:7: warning: look here", d.render());
    }

    @Test
    void render_withSource_echoesTheLineWithACaret() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.SYNTAX, new SourceSpan("a.json", 2, 4, 2, 5), "bad");
        assertEquals("a.json:2:4: error: bad" + NL + "\tab@d" + NL + "\t  ^", d.render("{\n\tab@d\n}"));
    }

    @Test
    void render_wholeFile_hasNoPosition() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.INPUT, SourceSpan.wholeFile("big.json"), "too big");
        assertEquals("big.json: error: too big", d.render("whatever"));
    }

    @Test
    void render_veryLongLine_isNotEchoed() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.SYNTAX, new SourceSpan("a.json", 1, 500, 1, 501), "x");
        assertEquals("a.json:1:500: error: x", d.render("y".repeat(1000)));
    }
}
