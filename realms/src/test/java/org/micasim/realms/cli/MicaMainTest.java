package org.micasim.realms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class MicaMainTest {
    private static final List<String> ALL = List.of("help", "smc-script", "policy", "run", "step", "scenarios", "attest",
            "verify", "platform-key", "bench", "fuzz");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run --no-baselines   | run
            policy check x.mica  | policy
            bench paper          | bench
            fuzz --sequences 1   | fuzz
            """)
    void aSubcommandFirst_buildsOnlyThatSubcommand(String args, String only) {
        assertEquals(List.of(only), List.copyOf(MicaMain.commandLine(args.split(" ")).getSubcommands().keySet()));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''
            --help
            --version
            help run
            rn
            """)
    void anythingElseFirst_buildsTheWholeTreeInUsageOrder(String args) {
        String[] a = args.isEmpty() ? new String[0] : args.split(" ");
        assertEquals(ALL, List.copyOf(MicaMain.commandLine(a).getSubcommands().keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run --help
            run --bogus
            policy check --help
            bench paper --rounds x
            """)
    void theOneSubcommandTree_printsWhatTheWholeTreePrints(String args) {
        assertEquals(execute(MicaMain.commandLine(), args), execute(MicaMain.commandLine(args.split(" ")), args));
    }

    private static String execute(CommandLine cl, String args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int rc = cl.execute(args.split(" "));
        return rc + "\n" + out;
    }
}
