package org.micasim.policy.parse;

import org.micasim.policy.ast.Literals;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.micasim.policy.ast.CfDecl;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.Mapping;
import org.micasim.policy.ast.MemDecl;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.PolicyKeyword;
import org.micasim.policy.ast.Prot;
import org.micasim.policy.ast.VmDecl;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.check.DiagnosticCode;
import org.micasim.policy.parse.SyntaxValue.ArrayValue;
import org.micasim.policy.parse.SyntaxValue.BoolValue;
import org.micasim.policy.parse.SyntaxValue.IntValue;
import org.micasim.policy.parse.SyntaxValue.Member;
import org.micasim.policy.parse.SyntaxValue.ObjectValue;
import org.micasim.policy.parse.SyntaxValue.StringValue;

/**
 * Gives the keys of a parsed policy object their meaning (mica.md §4.2): reports unknown and
 * duplicate keys and values of the wrong kind, and builds the {@link Policy} from the rest.
 */
final class PolicyReader {
    static final String SELF = "Self";
    static final String VM_PREFIX = "VM";
    static final String MEM_PREFIX = "Mem";
    static final String CF_PREFIX = "CF";

    private static final List<String> VM_KEYS = List.of("hash", "is-gateway", "strict");
    private static final List<String> MEM_KEYS = List.of("size", "type", "mappings");
    private static final List<String> MAPPING_KEYS = List.of("gpa", "prot", "any-count");
    private static final List<String> CF_KEYS = List.of("owner", "type", "range", "policy");

    private final List<Diagnostic> diagnostics;

    PolicyReader(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    Policy read(ObjectValue body) {
        Optional<Located<String>> self = Optional.empty();
        List<VmDecl> vms = new ArrayList<>();
        List<MemDecl> mems = new ArrayList<>();
        List<CfDecl> cfs = new ArrayList<>();
        Map<String, Member> seen = new LinkedHashMap<>();
        for (Member m : body.members()) {
            String key = m.key().value();
            if (!isTopLevelKey(key)) {
                error(DiagnosticCode.UNKNOWN_KEY, m, "unknown key " + Literals.quote(key)
                        + "; expected \"Self\", \"VM<id>\", \"Mem<id>\" or \"CF<id>\"");
            } else if (!firstOccurrence(seen, m)) {
                continue;
            } else if (key.equals(SELF)) {
                self = string(m, "\"Self\"");
            } else if (key.startsWith(VM_PREFIX)) {
                object(m, key).ifPresent(o -> vms.add(readVm(m, o)));
            } else if (key.startsWith(MEM_PREFIX)) {
                object(m, key).ifPresent(o -> mems.add(readMem(m, o)));
            } else {
                object(m, key).ifPresent(o -> cfs.add(readCf(m, o)));
            }
        }
        return new Policy(self, vms, mems, cfs, body.span());
    }

    private static boolean isTopLevelKey(String key) {
        return key.equals(SELF)
                || (key.startsWith(VM_PREFIX) && key.length() > VM_PREFIX.length())
                || (key.startsWith(MEM_PREFIX) && key.length() > MEM_PREFIX.length())
                || (key.startsWith(CF_PREFIX) && key.length() > CF_PREFIX.length());
    }

    private VmDecl readVm(Member m, ObjectValue body) {
        String name = m.key().value();
        Map<String, Member> f = fields(body, VM_KEYS, name);
        require(f, m, name, "hash");
        return new VmDecl(
                m.key(),
                integer(f.get("hash")),
                bool(f.get("is-gateway")),
                bool(f.get("strict")),
                m.span());
    }

    private MemDecl readMem(Member m, ObjectValue body) {
        String name = m.key().value();
        Map<String, Member> f = fields(body, MEM_KEYS, name);
        require(f, m, name, "size", "type", "mappings");
        List<Mapping> mappings = new ArrayList<>();
        Member mapsMember = f.get("mappings");
        if (mapsMember != null) {
            object(mapsMember, "\"mappings\"").ifPresent(maps -> {
                Map<String, Member> seen = new LinkedHashMap<>();
                for (Member mm : maps.members()) {
                    if (firstOccurrence(seen, mm)) {
                        String what = "mapping " + Literals.quote(mm.key().value()) + " of " + name;
                        object(mm, what).ifPresent(o -> mappings.add(readMapping(mm, o, what)));
                    }
                }
            });
        }
        return new MemDecl(
                m.key(),
                integer(f.get("size")),
                keyword(f.get("type"), MemType.class),
                Optional.ofNullable(mapsMember).map(x -> x.key().span()),
                mappings,
                m.span());
    }

    private Mapping readMapping(Member m, ObjectValue body, String what) {
        Map<String, Member> f = fields(body, MAPPING_KEYS, what);
        require(f, m, what, "gpa", "prot");
        return new Mapping(
                m.key(),
                integer(f.get("gpa")),
                keyword(f.get("prot"), Prot.class),
                integer(f.get("any-count")),
                m.span());
    }

    private CfDecl readCf(Member m, ObjectValue body) {
        String name = m.key().value();
        Map<String, Member> f = fields(body, CF_KEYS, name);
        require(f, m, name, "type", "range", "policy");
        Member rangeMember = f.get("range");
        List<Located<BigInteger>> range = new ArrayList<>();
        if (rangeMember != null) {
            array(rangeMember).ifPresent(a -> {
                for (var element : a.elements()) {
                    if (element instanceof IntValue i) {
                        range.add(new Located<>(i.value(), i.span()));
                    } else {
                        diagnostics.add(Diagnostic.error(DiagnosticCode.WRONG_VALUE, element.span(),
                                "element of \"range\" must be an integer, found " + element.describe()));
                    }
                }
            });
        }
        return new CfDecl(
                m.key(),
                string(f.get("owner"), "\"owner\""),
                keyword(f.get("type"), CfType.class),
                keyword(f.get("policy"), CfPolicy.class),
                Optional.ofNullable(rangeMember).map(x -> x.key().span()),
                range,
                m.span());
    }

    /** The members of {@code body} by key, after reporting unknown and duplicate keys. */
    private Map<String, Member> fields(ObjectValue body, List<String> allowed, String where) {
        Map<String, Member> out = new LinkedHashMap<>();
        for (Member m : body.members()) {
            if (!allowed.contains(m.key().value())) {
                error(DiagnosticCode.UNKNOWN_KEY, m, "unknown key " + Literals.quote(m.key().value()) + " in " + where
                        + "; expected " + alternatives(allowed));
            } else {
                firstOccurrence(out, m);
            }
        }
        return out;
    }

    /** Reports each of {@code keys} that {@code fields} lacks, at the key of the declaration. */
    private void require(Map<String, Member> fields, Member decl, String where, String... keys) {
        for (String key : keys) {
            if (!fields.containsKey(key)) {
                error(DiagnosticCode.MISSING_KEY, decl, "missing " + Literals.quote(key) + " in " + where);
            }
        }
    }

    private boolean firstOccurrence(Map<String, Member> seen, Member m) {
        Member first = seen.putIfAbsent(m.key().value(), m);
        if (first != null) {
            error(DiagnosticCode.DUPLICATE_KEY, m, "duplicate key " + Literals.quote(m.key().value())
                    + " (first at " + first.key().span().lineCol() + ")");
            return false;
        }
        return true;
    }

    private Optional<ObjectValue> object(Member m, String what) {
        if (m.value() instanceof ObjectValue o) {
            return Optional.of(o);
        }
        wrongValue(m, what + " must be an object");
        return Optional.empty();
    }

    private Optional<ArrayValue> array(Member m) {
        if (m.value() instanceof ArrayValue a) {
            return Optional.of(a);
        }
        wrongValue(m, quotedKey(m) + " must be an array of integers");
        return Optional.empty();
    }

    private Optional<Located<String>> string(Member m, String what) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof StringValue s) {
            return Optional.of(new Located<>(s.value(), s.span()));
        }
        wrongValue(m, what + " must be a string naming a VM");
        return Optional.empty();
    }

    private Optional<Located<BigInteger>> integer(Member m) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof IntValue i) {
            return Optional.of(new Located<>(i.value(), i.span()));
        }
        wrongValue(m, quotedKey(m) + " must be an integer");
        return Optional.empty();
    }

    private Optional<Located<Boolean>> bool(Member m) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof BoolValue b) {
            return Optional.of(new Located<>(b.value(), b.span()));
        }
        wrongValue(m, quotedKey(m) + " must be true or false");
        return Optional.empty();
    }

    private <E extends Enum<E> & PolicyKeyword> Optional<Located<E>> keyword(Member m, Class<E> type) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof StringValue s) {
            Optional<E> e = PolicyKeyword.fromKeyword(type, s.value());
            if (e.isPresent()) {
                return Optional.of(new Located<>(e.get(), s.span()));
            }
        }
        wrongValue(m, quotedKey(m) + " must be " + PolicyKeyword.alternatives(type));
        return Optional.empty();
    }

    private void wrongValue(Member m, String expectation) {
        diagnostics.add(Diagnostic.error(DiagnosticCode.WRONG_VALUE, m.value().span(),
                expectation + ", found " + m.value().describe()));
    }

    private void error(DiagnosticCode code, Member m, String message) {
        diagnostics.add(Diagnostic.error(code, m.key().span(), message));
    }

    private static String quotedKey(Member m) {
        return Literals.quote(m.key().value());
    }

    private static String alternatives(List<String> keys) {
        List<String> quoted = keys.stream().map(Literals::quote).toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
