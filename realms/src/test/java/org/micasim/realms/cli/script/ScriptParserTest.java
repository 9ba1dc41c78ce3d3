package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiStatus;

class ScriptParserTest {

    private static List<Statement> parse(String text) {
        ParseResult result = ScriptParser.parse("t.smc", text);
        assertTrue(result.script().isPresent(), () -> "expected a valid script, got " + result.diagnostics());
        return result.script().get().statements();
    }

    private static List<String> diagnostics(String text) {
        return ScriptParser.parse("t.smc", text).diagnostics().stream().map(ScriptDiagnostic::render).toList();
    }

    @Test
    void commentsBlankLinesAndLetsProduceNoStatements() {
        assertEquals(List.of(), parse("# a comment\n\n   \t\nlet a = 5  # trailing comment\r\nlet b=$a\n"));
    }

    @Test
    void smcByNameResolvesTheCommandAndVariables() {
        List<Statement> s = parse("let pa = 0x88000000\nsmc RMI_GRANULE_DELEGATE $pa\n");
        assertEquals(List.of(new Statement.Smc(2, 0xC400_0151L, Optional.of(RmiCommand.RMI_GRANULE_DELEGATE),
                List.of(0x8800_0000L))), s);
        assertEquals("RMI_GRANULE_DELEGATE(0x88000000)", ((Statement.Smc) s.get(0)).callText());
    }

    @Test
    void smcByNumberFindsTheCommandOrKeepsTheRawFid() {
        List<Statement> s = parse("smc 0xc4000150 0x10000\nsmc 0xC4000156 1 2 3\n");
        Statement.Smc version = (Statement.Smc) s.get(0);
        assertEquals(Optional.of(RmiCommand.RMI_VERSION), version.command());
        assertEquals("RMI_VERSION(0x10000)", version.callText());
        assertEquals(2, version.resultCount());
        Statement.Smc hole = (Statement.Smc) s.get(1);
        assertEquals(Optional.empty(), hole.command());
        assertEquals("0xc4000156(0x1, 0x2, 0x3)", hole.callText());
        assertEquals(4, hole.resultCount());
    }

    @Test
    void aNumericFidTakesAnyNumberOfArgumentsButKeepsItsCommandsOutputs() {
        List<Statement> s = parse("smc 0xC4000151\nsmc 0xC4000151 1 2 3\nsmc $f 7\n".replace("$f", "0xc4000161"));
        assertEquals(List.of(), ((Statement.Smc) s.get(0)).args());
        assertEquals(List.of(1L, 2L, 3L), ((Statement.Smc) s.get(1)).args());
        assertEquals("RMI_GRANULE_DELEGATE(0x1, 0x2, 0x3)", ((Statement.Smc) s.get(1)).callText());
        assertEquals(4, ((Statement.Smc) s.get(2)).resultCount());
        s = parse("let f = 0xc4000150\nsmc $f 0x10000\n");
        assertEquals(Optional.of(RmiCommand.RMI_VERSION), ((Statement.Smc) s.get(0)).command());
    }

    @Test
    void valuesAreDecimalHexOrNegative() {
        Statement.Smc smc = (Statement.Smc) parse("smc RMI_RTT_READ_ENTRY 18446744073709551615 0xFFFFffffFFFFffff -1\n")
                .get(0);
        assertEquals(List.of(-1L, -1L, -1L), smc.args());
        smc = (Statement.Smc) parse("smc RMI_RTT_READ_ENTRY 0 -0x10 -9223372036854775808\n").get(0);
        assertEquals(List.of(0L, -16L, Long.MIN_VALUE), smc.args());
    }

    @Test
    void expectWithIndexRegistersAndRawStatus() {
        List<Statement> s = parse("smc RMI_RTT_READ_ENTRY 1 2 3\nexpect RMI_ERROR_RTT(2)\n"
                + "expect RMI_SUCCESS x1=3 x4 = 0x1\nexpect RMI_ERROR_RTT\nexpect 0x204\nexpect SMC_NOT_SUPPORTED\n");
        assertEquals(new Statement.Expect(2, new ExpectedStatus.Rmi(RmiStatus.RMI_ERROR_RTT, OptionalInt.of(2)),
                List.of()), s.get(1));
        assertEquals(new Statement.Expect(3, new ExpectedStatus.Rmi(RmiStatus.RMI_SUCCESS, OptionalInt.empty()),
                List.of(new Statement.RegisterValue(1, 3), new Statement.RegisterValue(4, 1))), s.get(2));
        assertEquals(new ExpectedStatus.Rmi(RmiStatus.RMI_ERROR_RTT, OptionalInt.empty()),
                ((Statement.Expect) s.get(3)).status());
        assertEquals(new ExpectedStatus.Exact(0x204), ((Statement.Expect) s.get(4)).status());
        assertEquals(new ExpectedStatus.Exact(-1), ((Statement.Expect) s.get(5)).status());
    }

    @Test
    void realmParamsSetNamedFieldsAndLeaveTheRestZero() {
        Statement.WriteRealmParams w = (Statement.WriteRealmParams) parse(
                "realm-params 0x88001000 s2sz=40 hash_algo=1 rtt_base=0x88002000 rtt_level_start=-1 vmid=0xffff\n")
                .get(0);
        assertEquals(0x8800_1000L, w.pa());
        RmiRealmParams expected = RmiRealmParams.zero().with("s2sz", 40).with("hash_algo", 1)
                .with("rtt_base", 0x8800_2000L).with("rtt_level_start", -1).with("vmid", 0xffff);
        assertEquals(expected, w.params());
    }

    @Test
    void recParamsAcceptArrayElements() {
        Statement.WriteRecParams w = (Statement.WriteRecParams) parse(
                "rec-params 0x88003000 flags=1 mpidr=0 pc=0x1000 gprs0=7 gprs7=8 num_aux=2 aux0=0x88004000 aux15=5\n")
                .get(0);
        RmiRecParams expected = RmiRecParams.zero().with("flags", 1).with("pc", 0x1000).with("gprs0", 7)
                .with("gprs7", 8).with("num_aux", 2).with("aux0", 0x8800_4000L).with("aux15", 5);
        assertEquals(expected, w.params());
    }

    @Test
    void hexBytesConcatenateAcrossWords() {
        List<Statement> s = parse("write 0x1000 00ff 10\nexpect-mem 4096 DEADbeef\nexpect-fault 0x2000\n");
        assertEquals(new Statement.ExpectFault(3, 0x2000), s.get(2));
        assertEquals(new Statement.WriteMemory(1, 0x1000, HexBytes.copyOf(new byte[] {0, -1, 0x10})), s.get(0));
        assertEquals("deadbeef", ((Statement.ExpectMemory) s.get(1)).bytes().toString());
    }

    @Test
    void letRebindsAndLaterUsesSeeTheNewValue() {
        List<Statement> s = parse("let a = 1\nsmc RMI_FEATURES $a\nlet a = 2\nsmc RMI_FEATURES $a\n");
        assertEquals(List.of(1L), ((Statement.Smc) s.get(0)).args());
        assertEquals(List.of(2L), ((Statement.Smc) s.get(1)).args());
    }

    /** Each bad line with its exact diagnostic: the column points at the problem, the text says what was expected. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        frob 1                                  | t.smc:1:1: unknown command 'frob'; expected let, smc, expect, realm-params, rec-params, write, expect-mem or expect-fault
        = 5                                     | t.smc:1:1: unknown command '='; expected let, smc, expect, realm-params, rec-params, write, expect-mem or expect-fault
        SMC RMI_VERSION 0x10000                 | t.smc:1:1: unknown command 'SMC'; expected let, smc, expect, realm-params, rec-params, write, expect-mem or expect-fault
        let                                     | t.smc:1:4: expected a variable name after 'let'
        let 1a = 5                              | t.smc:1:5: expected a variable name (a letter or _, then letters, digits or _), got '1a'
        let a 5                                 | t.smc:1:7: expected '=' after the variable name, got '5'
        let a =                                 | t.smc:1:8: expected a value after '='
        let a = 5 6                             | t.smc:1:11: expected end of line, got '6'
        let a = 0x                              | t.smc:1:9: expected hex digits after '0x' in '0x'
        let a = 0x12g4                          | t.smc:1:13: expected a hex digit in '0x12g4', got 'g'
        let a = 12a                             | t.smc:1:11: expected a decimal digit (write hex as 0x...) in '12a', got 'a'
        let a = 18446744073709551616            | t.smc:1:9: '18446744073709551616' does not fit in 64 bits
        let a = 0x10000000000000000             | t.smc:1:9: '0x10000000000000000' does not fit in 64 bits
        let a = -9223372036854775809            | t.smc:1:9: '-9223372036854775809' does not fit in 64 bits
        let a = abc                             | t.smc:1:9: expected a value after '=', got 'abc'
        let a = $b                              | t.smc:1:9: undefined variable $b; expected a name bound by 'let b = VALUE' on an earlier line
        let a = $                               | t.smc:1:9: expected a variable name after '$', got '$'
        smc                                     | t.smc:1:4: expected an RMI command name or a FID number after 'smc'
        smc RMI_FOO                             | t.smc:1:5: unknown RMI command 'RMI_FOO'; expected an RMI command name such as RMI_VERSION or RMI_GRANULE_DELEGATE, or a FID number
        smc rmi_version 0x10000                 | t.smc:1:5: unknown RMI command 'rmi_version'; expected an RMI command name such as RMI_VERSION or RMI_GRANULE_DELEGATE, or a FID number
        smc RSI_VERSION 0x10000                 | t.smc:1:5: RSI_VERSION is called by a realm, not by the Non-secure host that runs this script; expected an RMI command name, or write the FID as a number (0xc4000190)
        smc RMI_VERSION                         | t.smc:1:16: RMI_VERSION takes 1 argument, got 0; expected a value (decimal, 0x-hex or $NAME)
        smc RMI_DATA_CREATE 1 2 3 4  # four     | t.smc:1:28: RMI_DATA_CREATE takes 5 arguments, got 4; expected a value (decimal, 0x-hex or $NAME)
        smc RMI_VERSION 0x10000 7               | t.smc:1:25: RMI_VERSION takes 1 argument; expected end of line, got '7'
        smc RMI_GRANULE_DELEGATE 0x88000000 =   | t.smc:1:37: RMI_GRANULE_DELEGATE takes 1 argument; expected end of line, got '='
        smc RMI_FEATURES zero                   | t.smc:1:18: expected a value (decimal, 0x-hex or $NAME), got 'zero'
        smc 0xc4000156 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 | t.smc:1:58: an SMC passes at most 17 arguments (X1..X17); expected end of line, got '18'
        smc (                                   | t.smc:1:5: expected an RMI command name or a FID number after 'smc', got '('
        expect RMI_SUCCESS                      | t.smc:1:1: expect checks the previous smc, but there is none; expected an smc line before this one
        write 0x1000                            | t.smc:1:13: expected HEXBYTES (hex digit pairs in memory order, e.g. 00ff10)
        write 0x1000 0xdeadbeef                 | t.smc:1:14: HEXBYTES are written without 0x; expected hex digit pairs in memory order (e.g. efbeadde for the little-endian 32-bit value 0xdeadbeef)
        write 0x1000 00fg                       | t.smc:1:17: expected a hex digit in HEXBYTES '00fg', got 'g'
        write 0x1000 0ff                        | t.smc:1:14: odd number of hex digits in '0ff'; expected two digits per byte
        write 0x1000 00 = 11                    | t.smc:1:17: expected HEXBYTES (hex digit pairs in memory order, e.g. 00ff10), got '='
        write                                   | t.smc:1:6: expected the PA to write at
        expect-mem                              | t.smc:1:11: expected the PA to compare at
        expect-mem $pa 00                       | t.smc:1:12: undefined variable $pa; expected a name bound by 'let pa = VALUE' on an earlier line
        realm-params                            | t.smc:1:13: expected the PA to write RmiRealmParams at
        realm-params 0x1000 s2sz                | t.smc:1:25: expected '=' after s2sz
        realm-params 0x1000 s2sz=               | t.smc:1:26: expected a value (decimal, 0x-hex or $NAME) for s2sz
        realm-params 0x1000 ipa_width=48        | t.smc:1:21: unknown RmiRealmParams field 'ipa_width'; expected one of flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo, rpv, vmid, rtt_base, rtt_level_start, rtt_num_start
        realm-params 0x1000 S2SZ=48             | t.smc:1:21: unknown RmiRealmParams field 'S2SZ'; expected one of flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo, rpv, vmid, rtt_base, rtt_level_start, rtt_num_start
        realm-params 0x1000 s2sz=48 s2sz=40     | t.smc:1:29: field s2sz is already set on this line
        realm-params 0x1000 s2sz=256            | t.smc:1:26: s2sz is 8 bits wide, so 0x100 does not fit; expected a value of at most 0xff (write other bytes with 'write')
        realm-params 0x1000 vmid=-1             | t.smc:1:26: vmid is 16 bits wide, so 0xffffffffffffffff does not fit; expected a value of at most 0xffff (write other bytes with 'write')
        realm-params 0x1000 =5                  | t.smc:1:21: expected key=value (a RmiRealmParams field), got '='
        rec-params 0x1000 gprs8=1               | t.smc:1:19: unknown RmiRecParams field 'gprs8'; expected one of flags, mpidr, pc, gprs0..gprs7, num_aux, aux0..aux15
        rec-params 0x1000 pc=0x1000 pc=0        | t.smc:1:29: field pc is already set on this line
        expect-fault                            | t.smc:1:13: expected the PA that must fault
        expect-fault 0x1000 00                  | t.smc:1:21: expected end of line, got '00'
        """)
    void badLine(String line, String diagnostic) {
        assertEquals(List.of(diagnostic), diagnostics(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        expect                         | t.smc:2:7: expected a status (RMI_SUCCESS, RMI_ERROR_INPUT, RMI_ERROR_REALM, RMI_ERROR_REC, RMI_ERROR_RTT, SMC_NOT_SUPPORTED, optionally with an index as in RMI_ERROR_RTT(2)) or a number after 'expect'
        expect RMI_OK                  | t.smc:2:8: unknown status 'RMI_OK'; expected RMI_SUCCESS, RMI_ERROR_INPUT, RMI_ERROR_REALM, RMI_ERROR_REC, RMI_ERROR_RTT, SMC_NOT_SUPPORTED or a number
        expect RMI_ERROR_RTT(          | t.smc:2:22: expected the status index (0..255) after '('
        expect RMI_ERROR_RTT(2         | t.smc:2:23: expected ')' after the status index
        expect RMI_ERROR_RTT(2]        | t.smc:2:23: expected a decimal digit (write hex as 0x...) in '2]', got ']'
        expect RMI_ERROR_RTT(256)      | t.smc:2:22: a status index is 0..255 (X0 bits 15:8), got 256
        expect RMI_ERROR_RTT(-1)       | t.smc:2:22: a status index is 0..255 (X0 bits 15:8), got 18446744073709551615
        expect RMI_SUCCESS x3=0        | t.smc:2:20: RMI_VERSION returns x1..x2; x3 is not one of them
        expect RMI_SUCCESS x0=0        | t.smc:2:20: x0 is the status; expected it as the STATUS of expect, and xN=VALUE only for outputs x1..
        expect RMI_SUCCESS x1=0 x1=1   | t.smc:2:25: x1 is already checked on this line
        expect RMI_SUCCESS x1          | t.smc:2:22: expected '=' after x1
        expect RMI_SUCCESS x1=         | t.smc:2:23: expected a value (decimal, 0x-hex or $NAME) after '='
        expect RMI_SUCCESS y1=0        | t.smc:2:20: expected xN=VALUE (an output register of the last smc), got 'y1'
        expect RMI_SUCCESS RMI_SUCCESS | t.smc:2:20: expected xN=VALUE (an output register of the last smc), got 'RMI_SUCCESS'
        expect 1x                      | t.smc:2:9: expected a decimal digit (write hex as 0x...) in '1x', got 'x'
        """)
    void badExpectAfterVersion(String line, String diagnostic) {
        assertEquals(List.of(diagnostic), diagnostics("smc RMI_VERSION 0x10000\n" + line));
    }

    @Test
    void registersOfACommandWithoutOutputsAreRejected() {
        assertEquals(List.of("t.smc:2:20: RMI_GRANULE_DELEGATE returns no output registers; x1 is not one of them"),
                diagnostics("smc RMI_GRANULE_DELEGATE 0x1000\nexpect RMI_SUCCESS x1=0"));
        assertEquals(List.of("t.smc:2:20: RMI_FEATURES returns only x1; x2 is not one of them"),
                diagnostics("smc RMI_FEATURES 0\nexpect RMI_SUCCESS x2=0"));
        assertEquals(List.of("t.smc:2:20: an SMC returns x1..x4; x5 is not one of them"),
                diagnostics("smc 0xc4000156\nexpect RMI_SUCCESS x5=0"));
    }

    @Test
    void everyMalformedLineIsReportedAndNothingIsExecutable() {
        ParseResult r = ScriptParser.parse("t.smc", "smc RMI_VERSION 0x10000\nbogus\nexpect RMI_SUCCESS\nwrite 1 z\n");
        assertEquals(Optional.empty(), r.script());
        assertEquals(List.of(
                "t.smc:2:1: unknown command 'bogus'; expected let, smc, expect, realm-params, rec-params, write, expect-mem or expect-fault",
                "t.smc:4:9: expected a hex digit in HEXBYTES 'z', got 'z'"),
                r.diagnostics().stream().map(ScriptDiagnostic::render).toList());
    }

    @Test
    void aMalformedLetOrSmcIsReportedOnceNotAtEveryUse() {
        assertEquals(List.of("t.smc:1:10: expected a value after '=', got 'oops'"),
                diagnostics("let pa = oops\nsmc RMI_GRANULE_DELEGATE $pa\nexpect RMI_SUCCESS\n"));
        assertEquals(List.of("t.smc:1:5: unknown RMI command 'RMI_DELEGATE'; expected an RMI command name such as"
                        + " RMI_VERSION or RMI_GRANULE_DELEGATE, or a FID number"),
                diagnostics("smc RMI_DELEGATE 0x1000\nexpect RMI_SUCCESS\n"));
    }

    @Test
    void columnsCountTabsAsOneAndMissingTokensPointPastTheLastWord() {
        assertEquals(List.of("t.smc:1:6: expected the PA to write at"), diagnostics("write\t  # nothing\r"));
        assertEquals(List.of("t.smc:1:8: expected a value after '=', got 'x'"), diagnostics("let\ta=\tx"));
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        assertEquals(List.of("t.smc:1:1: unknown command 'a\\u0000b'; expected let, smc, expect, realm-params,"
                + " rec-params, write, expect-mem or expect-fault"), diagnostics("a\u0000b"));
    }
}
