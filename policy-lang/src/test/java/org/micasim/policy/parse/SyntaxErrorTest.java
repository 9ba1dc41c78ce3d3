package org.micasim.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.policy.TestResources;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.check.Diagnostic;

/** Syntax errors: input and the exact first (and only) diagnostic, in the Trino style. */
class SyntaxErrorTest {
    private static List<String> errors(String text) {
        return TestResources.parse(text).diagnostics().stream().map(Diagnostic::render).toList();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{ \"Self\" \"VM1\" }`           | test.json:1:10: error: expected ':' but found \"VM1\"",
        "`{ \"Self\": \"VM1\" \"VM1\": {} }` | test.json:1:17: error: expected '}' or ',' but found \"VM1\"",
        "`{ \"Self\": }`                  | test.json:1:11: error: expected a value but found '}'",
        "`{ \"Self\": \"VM1\", }`           | test.json:1:18: error: expected a string but found '}'",
        "``                              | test.json:1:1: error: expected '{' but found end of file",
        "`{ \"a\": 1 } x`                 | test.json:1:12: error: expected end of file but found x",
        "`{ \"a\": \"abc }`                | test.json:1:8: error: unterminated string",
        "`{ /* comment`                  | test.json:1:3: error: unterminated comment",
        "`{ \"a\": @ }`                   | test.json:1:8: error: unexpected character '@'",
        "`{ \"a\": 1e5 }`                 | test.json:1:9: error: expected '}' or ',' but found e5",
        "`{ \"a\": [1, 2 }`               | test.json:1:14: error: expected ']' or ',' but found '}'",
        "`{ a: 1 }`                      | test.json:1:3: error: expected '}' or a string but found a",
        "`{ \"a\": 'x' }`                 | test.json:1:8: error: unexpected character '''",
        "`{ \"a\": \"ab\ncd\" }`           | test.json:1:8: error: unterminated string",
    })
    void syntaxError_reportedOnceWithPosition(String text, String expected) {
        assertEquals(List.of(expected), errors(text));
    }

    @Test
    void deepNesting_cleanDiagnosticNoStackOverflow() {
        String text = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertEquals(List.of("test.json:1:69: error: nesting deeper than 64 levels"), errors(text));
    }

    @Test
    void hugeFile_rejectedBeforeLexing() {
        String text = "{" + " ".repeat(PolicyParser.MAX_SOURCE_BYTES) + "}";
        assertEquals(List.of("test.json: error: file is 1048578 bytes; at most 1048576 bytes (1 MiB) are accepted"),
                errors(text));
    }

    @Test
    void longFlatFileBelowTheLimit_parses() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < 20_000; i++) {
            s.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": [1, 2, 3]");
        }
        ParseResult<Policy> r = TestResources.parse(s.append('}').toString());
        assertTrue(r.value().isPresent());
        assertEquals(20_000, r.diagnostics().size(), "each unknown key is reported");
    }

    @Test
    void commentsAndNumberBases_doNotChangeTheTree() {
        String plain = "{\"Self\":\"VM1\",\"VM1\":{\"hash\":16,\"is-gateway\":true}}";
        String fancy = "// a comment\n{ /* self */ \"Self\": \"VM1\",\n  \"VM1\": { \"hash\": 0x10, // hex\n \"is-gateway\": true } }\n";
        Policy a = TestResources.parse(plain).value().orElseThrow();
        Policy b = TestResources.parse(fancy).value().orElseThrow();
        assertEquals(a.withoutSpans(), b.withoutSpans());
        assertEquals(new org.micasim.policy.ast.SourceSpan("test.json", 3, 3, 4, 22), b.vms().get(0).span());
    }

    @Test
    void byteOrderMark_isIgnored() {
        assertEquals(List.of(), errors("\uFEFF{\"Self\": \"VM1\"}"));
    }

    @Test
    void escapes_areDecoded() {
        Policy p = TestResources.parse("{\"Self\": \"V\\u004d1\", \"VM1\": {\"hash\": 1}}").value().orElseThrow();
        assertEquals("VM1", p.self().orElseThrow().value());
    }
}
