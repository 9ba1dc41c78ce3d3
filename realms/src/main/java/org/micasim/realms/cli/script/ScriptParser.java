package org.micasim.realms.cli.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiStatus;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.SmcFid;

/**
 * Parses a whole smc-script before anything runs, so a malformed script executes nothing. Every line is
 * checked; each malformed line yields one {@link ScriptDiagnostic} at the column where the problem starts,
 * saying what was expected there. Names, FIDs, status codes and structure fields come from the RMM's ABI
 * enums and codecs, never from a table of our own.
 */
public final class ScriptParser {
    /** How many argument registers (X1..X17) SMCCC 1.2 lets an SMC64 call pass. */
    static final int MAX_SMC_ARGS = 17;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REGISTER = Pattern.compile("x([0-9]{1,2})");
    private static final String COMMANDS = "let, smc, expect, realm-params, rec-params, write, expect-mem or expect-fault";
    private static final String VALUE = "a value (decimal, 0x-hex or $NAME)";
    private static final String STATUSES = String.join(", ",
            Arrays.stream(RmiStatus.values()).map(Enum::name).toList()) + ", SMC_NOT_SUPPORTED";

    private final String file;
    /** Variables bound so far; an empty value marks a name whose let was malformed (uses are not reported again). */
    private final Map<String, Optional<Long>> variables = new HashMap<>();
    private final Map<String, Long> realmFieldMasks = new HashMap<>();
    private final List<Statement> statements = new ArrayList<>();
    private final List<ScriptDiagnostic> diagnostics = new ArrayList<>();
    /** The last smc line, which an expect checks; empty before the first one. */
    private Optional<Statement.Smc> lastSmc = Optional.empty();
    /** True while the last smc line was malformed, so its expects are not reported as orphans. */
    private boolean lastSmcMalformed;

    private ScriptParser(String file) {
        this.file = file;
    }

    /**
     * Parses {@code text}; {@code file} names the source in diagnostics.
     *
     * @return the script, or the diagnostics when any line is malformed
     */
    public static ParseResult parse(String file, String text) {
        ScriptParser parser = new ScriptParser(file);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.parseLine(i + 1, lines[i]);
        }
        return parser.diagnostics.isEmpty()
                ? ParseResult.of(new Script(file, parser.statements))
                : ParseResult.failed(parser.diagnostics);
    }

    private void parseLine(int lineNumber, String text) {
        List<Token> tokens = ScriptTokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return;
        }
        Line line = new Line(lineNumber, tokens, ScriptTokenizer.endColumn(text));
        Token command = tokens.get(0);
        try {
            Statement statement = switch (command.kind() == Token.Kind.WORD ? command.text() : "") {
                case "let" -> {
                    parseLet(line);
                    yield null;
                }
                case "smc" -> parseSmc(line);
                case "expect" -> parseExpect(line);
                case "realm-params" -> parseRealmParams(line);
                case "rec-params" -> parseRecParams(line);
                case "write" -> new Statement.WriteMemory(lineNumber, line.value("the PA to write at"),
                        line.hexBytes());
                case "expect-mem" -> new Statement.ExpectMemory(lineNumber, line.value("the PA to compare at"),
                        line.hexBytes());
                case "expect-fault" -> new Statement.ExpectFault(lineNumber, line.value("the PA that must fault"));
                default -> throw new LineError(command.column(),
                        "unknown command " + command.quoted() + "; expected " + COMMANDS);
            };
            line.expectEnd();
            if (statement != null) {
                statements.add(statement);
            }
        } catch (LineError e) {
            if (!e.alreadyReported) {
                diagnostics.add(new ScriptDiagnostic(file, lineNumber, e.column, e.getMessage()));
            }
            if (command.text().equals("smc")) {
                lastSmcMalformed = true;
            }
        }
    }

    private void parseLet(Line line) {
        Token name = line.next("a variable name after 'let'");
        if (name.kind() != Token.Kind.WORD || !NAME.matcher(name.text()).matches()) {
            throw new LineError(name.column(), "expected a variable name (a letter or _, then letters, digits or _),"
                    + " got " + name.quoted());
        }
        variables.put(name.text(), Optional.empty());
        line.punctuation(Token.Kind.EQUALS, "'=' after the variable name");
        long value = line.value("a value after '='");
        variables.put(name.text(), Optional.of(value));
    }

    private Statement.Smc parseSmc(Line line) {
        Token fidToken = line.next("an RMI command name or a FID number after 'smc'");
        long fid;
        Optional<RmiCommand> command;
        boolean named = fidToken.kind() == Token.Kind.WORD && NAME.matcher(fidToken.text()).matches();
        if (named) {
            command = RmiCommand.byName(fidToken.text());
            if (command.isEmpty()) {
                throw new LineError(fidToken.column(), unknownFunction(fidToken));
            }
            fid = command.get().fid();
        } else {
            fid = line.valueOf(fidToken, "an RMI command name or a FID number after 'smc'");
            command = RmiCommand.byFid(fid);
        }
        List<Long> args = new ArrayList<>();
        while (line.hasNext()) {
            Token arg = line.next(VALUE);
            // A name promises the command's arguments; a number is the escape hatch for any register contents.
            if (named && args.size() == command.get().argumentCount()) {
                throw new LineError(arg.column(), command.get().name() + " takes " + arguments(command.get())
                        + "; expected end of line, got " + arg.quoted());
            }
            if (args.size() == MAX_SMC_ARGS) {
                throw new LineError(arg.column(), "an SMC passes at most " + MAX_SMC_ARGS
                        + " arguments (X1..X17); expected end of line, got " + arg.quoted());
            }
            args.add(line.valueOf(arg, VALUE));
        }
        if (named && args.size() < command.get().argumentCount()) {
            throw new LineError(line.endColumn, command.get().name() + " takes " + arguments(command.get())
                    + ", got " + args.size() + "; expected " + VALUE);
        }
        Statement.Smc smc = new Statement.Smc(line.number, fid, command, args);
        lastSmc = Optional.of(smc);
        lastSmcMalformed = false;
        return smc;
    }

    private static String arguments(RmiCommand command) {
        int n = command.argumentCount();
        return n == 0 ? "no arguments" : n == 1 ? "1 argument" : n + " arguments";
    }

    private static String unknownFunction(Token name) {
        Optional<RsiCommand> rsi = RsiCommand.byName(name.text());
        if (rsi.isPresent()) {
            return name.text() + " is called by a realm, not by the Non-secure host that runs this script;"
                    + " expected an RMI command name, or write the FID as a number (0x"
                    + Long.toHexString(rsi.get().fid()) + ")";
        }
        return "unknown RMI command " + name.quoted() + "; expected an RMI command name such as RMI_VERSION"
                + " or RMI_GRANULE_DELEGATE, or a FID number";
    }

    private Statement.Expect parseExpect(Line line) {
        Token first = line.tokens.get(0);
        if (lastSmc.isEmpty() || lastSmcMalformed) {
            if (lastSmcMalformed) {
                throw LineError.reported();
            }
            throw new LineError(first.column(), "expect checks the previous smc, but there is none;"
                    + " expected an smc line before this one");
        }
        Statement.Smc smc = lastSmc.get();
        ExpectedStatus status = parseStatus(line);
        List<Statement.RegisterValue> registers = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        while (line.hasNext()) {
            Token reg = line.next("xN=VALUE");
            var m = REGISTER.matcher(reg.kind() == Token.Kind.WORD ? reg.text() : "");
            if (!m.matches()) {
                throw new LineError(reg.column(), "expected xN=VALUE (an output register of the last smc),"
                        + " got " + reg.quoted());
            }
            int n = Integer.parseInt(m.group(1));
            if (n == 0) {
                throw new LineError(reg.column(), "x0 is the status; expected it as the STATUS of expect,"
                        + " and xN=VALUE only for outputs x1..");
            }
            if (n > smc.resultCount()) {
                throw new LineError(reg.column(), outputsOf(smc) + "; " + reg.text() + " is not one of them");
            }
            if (!seen.add(n)) {
                throw new LineError(reg.column(), reg.text() + " is already checked on this line");
            }
            line.punctuation(Token.Kind.EQUALS, "'=' after " + reg.text());
            registers.add(new Statement.RegisterValue(n, line.value(VALUE + " after '='")));
        }
        return new Statement.Expect(line.number, status, registers);
    }

    private static String outputsOf(Statement.Smc smc) {
        int n = smc.resultCount();
        String who = smc.command().map(Enum::name).orElse("an SMC");
        return switch (n) {
            case 0 -> who + " returns no output registers";
            case 1 -> who + " returns only x1";
            default -> who + " returns x1..x" + n;
        };
    }

    private ExpectedStatus parseStatus(Line line) {
        String what = "a status (" + STATUSES + ", optionally with an index as in RMI_ERROR_RTT(2)) or a number";
        Token token = line.next(what + " after 'expect'");
        if (token.kind() == Token.Kind.WORD && NAME.matcher(token.text()).matches()) {
            if (token.text().equals("SMC_NOT_SUPPORTED")) {
                return new ExpectedStatus.Exact(SmcFid.SMC_NOT_SUPPORTED);
            }
            RmiStatus status = RmiStatus.byName(token.text()).orElseThrow(() -> new LineError(token.column(),
                    "unknown status " + token.quoted() + "; expected " + STATUSES + " or a number"));
            OptionalInt index = OptionalInt.empty();
            if (line.peekIs(Token.Kind.LPAREN)) {
                line.next("'('");
                Token indexToken = line.next("the status index (0..255) after '('");
                long value = line.valueOf(indexToken, "the status index (0..255) after '('");
                if (value < 0 || value > 0xFF) {
                    throw new LineError(indexToken.column(), "a status index is 0..255 (X0 bits 15:8), got "
                            + Long.toUnsignedString(value));
                }
                line.punctuation(Token.Kind.RPAREN, "')' after the status index");
                index = OptionalInt.of((int) value);
            }
            return new ExpectedStatus.Rmi(status, index);
        }
        return new ExpectedStatus.Exact(line.valueOf(token, what));
    }

    private Statement.WriteRealmParams parseRealmParams(Line line) {
        long pa = line.value("the PA to write RmiRealmParams at");
        RmiRealmParams params = RmiRealmParams.zero();
        Set<String> seen = new LinkedHashSet<>();
        while (line.hasNext()) {
            Field field = line.field("RmiRealmParams", RmiRealmParams.FIELD_NAMES, seen);
            long mask = realmFieldMask(field.name);
            if ((field.value & ~mask) != 0) {
                throw new LineError(field.valueColumn, field.name + " is " + Long.bitCount(mask)
                        + " bits wide, so 0x" + Long.toHexString(field.value) + " does not fit;"
                        + " expected a value of at most 0x" + Long.toHexString(mask)
                        + " (write other bytes with 'write')");
            }
            params = params.with(field.name, field.value);
        }
        return new Statement.WriteRealmParams(line.number, pa, params);
    }

    /**
     * The bits of a 64-bit value that the RmiRealmParams codec keeps for a field (UInt8 fields keep 8, vmid 16):
     * learnt from the codec itself, one bit at a time, so the width table lives only in the codec.
     */
    private long realmFieldMask(String field) {
        return realmFieldMasks.computeIfAbsent(field, f -> {
            RmiRealmParams zero = RmiRealmParams.zero();
            long mask = 0;
            for (int bit = 0; bit < Long.SIZE; bit++) {
                if (!zero.with(f, 1L << bit).equals(zero)) {
                    mask |= 1L << bit;
                }
            }
            return mask;
        });
    }

    private Statement.WriteRecParams parseRecParams(Line line) {
        long pa = line.value("the PA to write RmiRecParams at");
        RmiRecParams params = RmiRecParams.zero();
        Set<String> seen = new LinkedHashSet<>();
        while (line.hasNext()) {
            Field field = line.field("RmiRecParams", RmiRecParams.FIELD_NAMES, seen);
            params = params.with(field.name, field.value);
        }
        return new Statement.WriteRecParams(line.number, pa, params);
    }

    /** A {@code key=value} of a params line. */
    private record Field(String name, long value, int valueColumn) {}

    /** The tokens of one line and a cursor over them; every method throws {@link LineError} on a mismatch. */
    private final class Line {
        final int number;
        final List<Token> tokens;
        final int endColumn;
        int position = 1;

        Line(int number, List<Token> tokens, int endColumn) {
            this.number = number;
            this.tokens = tokens;
            this.endColumn = endColumn;
        }

        boolean hasNext() {
            return position < tokens.size();
        }

        boolean peekIs(Token.Kind kind) {
            return hasNext() && tokens.get(position).kind() == kind;
        }

        Token next(String expected) {
            if (!hasNext()) {
                throw new LineError(endColumn, "expected " + expected);
            }
            return tokens.get(position++);
        }

        void expectEnd() {
            if (hasNext()) {
                Token extra = tokens.get(position);
                throw new LineError(extra.column(), "expected end of line, got " + extra.quoted());
            }
        }

        void punctuation(Token.Kind kind, String expected) {
            Token token = next(expected);
            if (token.kind() != kind) {
                throw new LineError(token.column(), "expected " + expected + ", got " + token.quoted());
            }
        }

        long value(String expected) {
            return valueOf(next(expected), expected);
        }

        long valueOf(Token token, String expected) {
            String text = token.text();
            if (token.kind() == Token.Kind.WORD && text.startsWith("$")) {
                String name = text.substring(1);
                if (!NAME.matcher(name).matches()) {
                    throw new LineError(token.column(), "expected a variable name after '$', got " + token.quoted());
                }
                Optional<Long> bound = variables.get(name);
                if (bound == null) {
                    throw new LineError(token.column(), "undefined variable " + text
                            + "; expected a name bound by 'let " + name + " = VALUE' on an earlier line");
                }
                return bound.orElseThrow(LineError::reported);
            }
            Optional<ScriptNumbers.Problem> problem = token.kind() == Token.Kind.WORD
                    ? ScriptNumbers.problem(text) : Optional.empty();
            if (problem.isPresent()) {
                throw new LineError(token.column() + problem.get().offset(), problem.get().message());
            }
            OptionalLong parsed = token.kind() == Token.Kind.WORD ? ScriptNumbers.parse(text) : OptionalLong.empty();
            if (parsed.isEmpty()) {
                throw new LineError(token.column(), "expected " + expected + ", got " + token.quoted());
            }
            return parsed.getAsLong();
        }

        Field field(String structure, List<String> names, Set<String> seen) {
            Token key = next("key=value");
            if (key.kind() != Token.Kind.WORD) {
                throw new LineError(key.column(), "expected key=value (a " + structure + " field), got "
                        + key.quoted());
            }
            if (!names.contains(key.text())) {
                throw new LineError(key.column(), "unknown " + structure + " field " + key.quoted()
                        + "; expected one of " + String.join(", ", compactNames(names)));
            }
            if (!seen.add(key.text())) {
                throw new LineError(key.column(), "field " + key.text() + " is already set on this line");
            }
            punctuation(Token.Kind.EQUALS, "'=' after " + key.text());
            Token valueToken = next(VALUE + " for " + key.text());
            return new Field(key.text(), valueOf(valueToken, VALUE + " for " + key.text()), valueToken.column());
        }

        HexBytes hexBytes() {
            String expected = "HEXBYTES (hex digit pairs in memory order, e.g. 00ff10)";
            if (!hasNext()) {
                throw new LineError(endColumn, "expected " + expected);
            }
            StringBuilder digits = new StringBuilder();
            while (hasNext()) {
                Token token = next(expected);
                if (token.kind() != Token.Kind.WORD) {
                    throw new LineError(token.column(), "expected " + expected + ", got " + token.quoted());
                }
                Optional<ScriptNumbers.Problem> problem = ScriptNumbers.hexBytesProblem(token.text());
                if (problem.isPresent()) {
                    throw new LineError(token.column() + problem.get().offset(), problem.get().message());
                }
                digits.append(token.text());
            }
            return HexBytes.parse(digits.toString());
        }
    }

    /** Collapses gprs0..gprs7 and aux0..aux15 into one entry each, so the list of fields stays readable. */
    private static List<String> compactNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String stem = name.replaceAll("[0-9]+$", "");
            if (!stem.equals(name) && name.endsWith("0")) {
                int j = i;
                while (j + 1 < names.size() && names.get(j + 1).replaceAll("[0-9]+$", "").equals(stem)) {
                    j++;
                }
                out.add(j > i ? name + ".." + names.get(j) : name);
                i = j;
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** A malformed line: the column and message of its diagnostic. Carries no stack trace, it is an outcome. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;
        final boolean alreadyReported;

        LineError(int column, String message) {
            this(column, message, false);
        }

        private LineError(int column, String message, boolean alreadyReported) {
            super(message, null, false, false);
            this.column = column;
            this.alreadyReported = alreadyReported;
        }

        /** The line depends on one whose diagnostic was already given; do not repeat it. */
        static LineError reported() {
            return new LineError(1, "depends on an earlier malformed line", true);
        }
    }
}
