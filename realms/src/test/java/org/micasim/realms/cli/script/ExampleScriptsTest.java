package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs every {@code docs/scripts/*.smc} on the real default platform, as {@code mica smc-script} would from
 * the repository root: the exit status must be the one its first line declares ({@code # exit: N}) and the
 * terminal transcript (standard output and error, interleaved) must equal the {@code .out} file beside it,
 * which docs/smc-script.md quotes. Run with {@code -Dsmc-script.update=true} to rewrite the {@code .out} files
 * after a deliberate change, then review the diff.
 */
class ExampleScriptsTest {
    private static final Pattern EXIT = Pattern.compile("# exit: ([0-9])");

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/scripts"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no docs/scripts above " + Path.of("").toAbsolutePath());
        return dir;
    }

    static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("docs/scripts"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".smc")).sorted().toList();
        }
    }

    @Test
    void thereAreExamples() throws IOException {
        assertTrue(scripts().size() >= 4, "expected the example scripts in docs/scripts, found " + scripts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void exampleRunsAsDocumented(String name) throws IOException {
        Path root = repositoryRoot();
        Path script = root.resolve("docs/scripts").resolve(name);
        String text = Files.readString(script, StandardCharsets.UTF_8);
        Matcher exit = EXIT.matcher(text.lines().findFirst().orElse(""));
        assertTrue(exit.matches(), name + " must start with '# exit: N'");

        StringWriter transcript = new StringWriter();
        PrintWriter writer = new PrintWriter(transcript, true);
        CommandLine cl = new CommandLine(new SmcScriptCommand());
        cl.setOut(writer);
        cl.setErr(writer);
        int status = cl.execute(script.toString());
        String shown = transcript.toString().replace(System.lineSeparator(), "\n")
                .replace(script.toString(), "docs/scripts/" + name);

        Path golden = root.resolve("docs/scripts").resolve(name.replaceAll("\\.smc$", ".out"));
        if (Boolean.getBoolean("smc-script.update")) {
            Files.writeString(golden, shown, StandardCharsets.UTF_8);
        }
        assertEquals(Integer.parseInt(exit.group(1)), status, name + " exit status; transcript:\n" + shown);
        assertTrue(Files.exists(golden), "missing " + golden + "; the transcript is:\n" + shown);
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), shown, name + " transcript");
        assertFalse(shown.contains("\tat "), name + " printed a stack trace");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void referenceQuotesTheExampleAndItsOutput(String name) throws IOException {
        Path root = repositoryRoot();
        String reference = Files.readString(root.resolve("docs/smc-script.md"), StandardCharsets.UTF_8);
        String out = Files.readString(root.resolve("docs/scripts").resolve(name.replaceAll("\\.smc$", ".out")),
                StandardCharsets.UTF_8);
        assertTrue(reference.contains("docs/scripts/" + name), "docs/smc-script.md does not mention " + name);
        assertTrue(reference.contains(out), "docs/smc-script.md does not quote the output of " + name
                + " exactly:\n" + out);
    }
}
