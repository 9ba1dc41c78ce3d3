package org.micasim.policy.check;

import static org.micasim.policy.check.Diagnostic.error;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.micasim.policy.ast.CfDecl;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.Literals;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.Mapping;
import org.micasim.policy.ast.MemDecl;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.ast.VmDecl;

/**
 * The semantic rules of one policy (mica.md §4.2-§4.5): everything the guest converter and the
 * RMM's parser would reject, and the mistakes that make a policy useless (a memory object that
 * does not involve the realm itself, overlapping guest-physical ranges). Collects every problem.
 */
public final class PolicyChecker {
    /** Most VMs, Mems, mappings per Mem, CFs and range values per CF a policy may hold. */
    public static final int MAX_ENTRIES = 8;

    /** Size of the granule, the unit of sizes and the alignment of guest-physical addresses. */
    public static final long GRANULE_SIZE = 0x1000;

    /** Largest memory object, in granules (mica.md §4.6 step 3). */
    public static final long MAX_OBJECT_GRANULES = 4096;

    /** Characters allowed in a name; the binary stores names as 4 ASCII bytes. */
    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9_-]+");

    private final List<Diagnostic> out = new ArrayList<>();
    private final Policy policy;

    private PolicyChecker(Policy policy) {
        this.policy = policy;
    }

    /** Every diagnostic for {@code policy}, ordered by position. */
    public static List<Diagnostic> check(Policy policy) {
        PolicyChecker checker = new PolicyChecker(policy);
        checker.run();
        List<Diagnostic> sorted = new ArrayList<>(checker.out);
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().col()));
        return List.copyOf(sorted);
    }

    private void run() {
        checkNames();
        checkSelf();
        checkVms();
        for (MemDecl mem : policy.mems()) {
            checkMem(mem);
        }
        checkOverlaps();
        for (CfDecl cf : policy.cfs()) {
            checkCf(cf);
        }
        checkCfConflicts();
        checkUploadable();
    }

    private void checkNames() {
        List<Located<String>> names = new ArrayList<>();
        policy.vms().forEach(v -> names.add(v.name()));
        policy.mems().forEach(m -> names.add(m.name()));
        policy.cfs().forEach(c -> names.add(c.name()));
        for (Located<String> name : names) {
            String n = name.value();
            if (!NAME_CHARS.matcher(n).matches()) {
                report(DiagnosticCode.NAME_CHARS, name.span(),
                        "name " + quote(n) + " may contain only ASCII letters, digits, '_' and '-'");
            } else if (n.length() > 4) {
                report(DiagnosticCode.NAME_TOO_LONG, name.span(), "name " + quote(n) + " is longer than 4 characters");
            }
        }
        tooMany(policy.vms().stream().map(VmDecl::name).toList(), "VM");
        tooMany(policy.mems().stream().map(MemDecl::name).toList(), "Mem");
        tooMany(policy.cfs().stream().map(CfDecl::name).toList(), "CF");
    }

    private void tooMany(List<Located<String>> names, String kind) {
        if (names.size() > MAX_ENTRIES) {
            Located<String> ninth = names.get(MAX_ENTRIES);
            report(DiagnosticCode.TOO_MANY, ninth.span(), ninth.value() + " is the 9th " + kind
                    + "; at most " + MAX_ENTRIES + " are allowed");
        }
    }

    private void checkSelf() {
        if (policy.self().isEmpty()) {
            SourceSpan at = startOf(policy.span());
            if (policy.vms().isEmpty()) {
                out.add(Diagnostic.warning(DiagnosticCode.NOT_UPLOADABLE, at, "no \"Self\" and no VM: this is a helper"
                        + " configuration (such as a prefault map); the RMM rejects it at upload"));
            } else {
                report(DiagnosticCode.SELF_MISSING, at, "no \"Self\" entry: name the VM that describes this realm");
            }
            return;
        }
        Located<String> self = policy.self().get();
        if (policy.vm(self.value()).isEmpty()) {
            report(DiagnosticCode.SELF_UNDECLARED, self.span(), "\"Self\" names undeclared VM " + quote(self.value()));
        }
    }

    private void checkVms() {
        Map<BigInteger, VmDecl> byHash = new HashMap<>();
        for (VmDecl vm : policy.vms()) {
            if (vm.hash().isEmpty()) {
                continue;
            }
            Located<BigInteger> hash = vm.hash().get();
            if (!fits(hash, "hash", FieldRange.U32)) {
                continue;
            }
            VmDecl first = byHash.putIfAbsent(hash.value(), vm);
            if (first != null) {
                report(DiagnosticCode.DUPLICATE_HASH, hash.span(), vm.name().value() + " has the same hash "
                        + hex(hash.value()) + " as " + first.name().value() + " (" + first.name().span().lineCol() + ")");
            }
        }
    }

    private void checkMem(MemDecl mem) {
        String name = mem.name().value();
        mem.size().ifPresent(size -> checkSize(size, name));
        if (mem.type().isPresent() && mem.type().get().value() == MemType.OTHER) {
            report(DiagnosticCode.MEM_TYPE, mem.type().get().span(), "type \"OTHER\" of " + name
                    + " is rejected by the RMM at upload; use \"PROTECTED\" or \"UNPROTECTED\"");
        }
        if (mem.mappingsKey().isEmpty()) {
            return;
        }
        if (mem.mappings().size() > MAX_ENTRIES) {
            Mapping ninth = mem.mappings().get(MAX_ENTRIES);
            report(DiagnosticCode.TOO_MANY, ninth.target().span(), "mapping " + quote(ninth.target().value())
                    + " is the 9th of " + name + "; at most " + MAX_ENTRIES + " are allowed");
        }
        for (Mapping m : mem.mappings()) {
            checkMapping(m, name);
        }
        checkInvolvesSelf(mem);
    }

    private void checkSize(Located<BigInteger> size, String mem) {
        if (!fits(size, "size", FieldRange.U64)) {
            return;
        }
        BigInteger v = size.value();
        if (v.signum() <= 0 || v.mod(BigInteger.valueOf(GRANULE_SIZE)).signum() != 0) {
            report(DiagnosticCode.BAD_SIZE, size.span(), "size " + hex(v) + " of " + mem
                    + " is not a positive multiple of 4 KiB (0x1000)");
        } else if (v.compareTo(BigInteger.valueOf(GRANULE_SIZE * MAX_OBJECT_GRANULES)) > 0) {
            report(DiagnosticCode.BAD_SIZE, size.span(), "size " + hex(v) + " of " + mem
                    + " is above 4096 granules (16 MiB)");
        }
    }

    private void checkMapping(Mapping m, String mem) {
        String what = "mapping " + quote(m.target().value()) + " of " + mem;
        if (!m.isAny() && policy.vm(m.target().value()).isEmpty()) {
            report(DiagnosticCode.UNDECLARED_VM, m.target().span(), "mapping names undeclared VM " + quote(m.target().value()));
        }
        if (m.gpa().isPresent() && fits(m.gpa().get(), "gpa", FieldRange.U64)
                && m.gpa().get().value().mod(BigInteger.valueOf(GRANULE_SIZE)).signum() != 0) {
            report(DiagnosticCode.GPA_ALIGN, m.gpa().get().span(), "gpa " + hex(m.gpa().get().value()) + " of " + what
                    + " is not 4 KiB-aligned");
        }
        checkAnyCount(m, mem);
    }

    private void checkAnyCount(Mapping m, String mem) {
        Optional<Located<BigInteger>> count = m.anyCount();
        if (!m.isAny()) {
            count.ifPresent(c -> report(DiagnosticCode.NAMED_ANY_COUNT, c.span(), "\"any-count\" is allowed only on"
                    + " the ANY mapping, not on " + quote(m.target().value())));
            return;
        }
        String rule = "ANY mapping of " + mem + " needs \"any-count\" > 0, or -1 for unlimited";
        if (count.isEmpty()) {
            report(DiagnosticCode.ANY_COUNT, m.target().span(), rule);
            return;
        }
        BigInteger c = count.get().value();
        if (c.signum() == 0 || c.compareTo(BigInteger.ONE.negate()) < 0) {
            report(DiagnosticCode.ANY_COUNT, count.get().span(), rule + ", found " + c);
        } else {
            fits(count.get(), "any-count", FieldRange.I32);
        }
    }

    private void checkInvolvesSelf(MemDecl mem) {
        Optional<String> self = policy.self().map(Located::value).filter(s -> policy.vm(s).isPresent());
        if (self.isEmpty()) {
            return;
        }
        boolean involved = mem.mappings().stream().anyMatch(m -> m.isAny() || m.target().value().equals(self.get()));
        if (!involved) {
            report(DiagnosticCode.MEM_WITHOUT_SELF, mem.name().span(), mem.name().value() + " does not involve Self ("
                    + self.get() + "): no mapping names " + self.get() + " or ANY");
        }
    }

    /** Named mappings of one VM must not overlap in guest-physical address space. */
    private void checkOverlaps() {
        Map<String, List<Placed>> byVm = new LinkedHashMap<>();
        for (MemDecl mem : policy.mems()) {
            Optional<BigInteger> size = mem.size().map(Located::value).filter(FieldRange.U64::contains);
            for (Mapping m : mem.mappings()) {
                Optional<Located<BigInteger>> gpa = m.gpa().filter(g -> FieldRange.U64.contains(g.value()));
                if (m.isAny() || size.isEmpty() || gpa.isEmpty() || size.get().signum() <= 0) {
                    continue;
                }
                BigInteger base = gpa.get().value();
                Placed here = new Placed(mem.name().value(), base, base.add(size.get()), gpa.get().span());
                List<Placed> earlier = byVm.computeIfAbsent(m.target().value(), k -> new ArrayList<>());
                earlier.stream().filter(e -> e.overlaps(here)).findFirst().ifPresent(e -> report(
                        DiagnosticCode.GPA_OVERLAP, here.span, m.target().value() + " maps " + here.mem + " at "
                                + here.range() + ", overlapping " + e.mem + " at " + e.range() + " (" + e.span.lineCol() + ")"));
                earlier.add(here);
            }
        }
    }

    private record Placed(String mem, BigInteger start, BigInteger end, SourceSpan span) {
        boolean overlaps(Placed o) {
            return start.compareTo(o.end) < 0 && o.start.compareTo(end) < 0;
        }

        String range() {
            return "[" + hex(start) + ", " + hex(end) + ")";
        }
    }

    private void checkCf(CfDecl cf) {
        String name = cf.name().value();
        cf.owner().ifPresent(o -> {
            if (policy.vm(o.value()).isEmpty()) {
                report(DiagnosticCode.UNDECLARED_VM, o.span(), "\"owner\" of " + name + " names undeclared VM " + quote(o.value()));
            }
        });
        if (cf.rangeKey().isEmpty()) {
            return;
        }
        if (cf.range().isEmpty()) {
            report(DiagnosticCode.EMPTY_RANGE, cf.rangeKey().get(), "\"range\" of " + name + " is empty");
        }
        if (cf.range().size() > MAX_ENTRIES) {
            Located<BigInteger> ninth = cf.range().get(MAX_ENTRIES);
            report(DiagnosticCode.TOO_MANY, ninth.span(), "range value " + hex(ninth.value()) + " is the 9th of " + name
                    + "; at most " + MAX_ENTRIES + " are allowed");
        }
        for (Located<BigInteger> value : cf.range()) {
            fits(value, "range", FieldRange.U32);
        }
    }

    /**
     * The rules of one policy must give each (owner, type, selector) a single policy; the RMM checks
     * the same over a realm and its peers at upload (mica.md §4.6 step 6).
     */
    private void checkCfConflicts() {
        Map<String, Located<CfPolicy>> seen = new HashMap<>();
        Map<String, CfDecl> seenIn = new HashMap<>();
        for (CfDecl cf : policy.cfs()) {
            if (cf.type().isEmpty() || cf.policy().isEmpty()) {
                continue;
            }
            String owner = cf.owner().map(Located::value).orElse("no owner");
            for (Located<BigInteger> value : cf.range()) {
                String key = owner + "/" + cf.type().get().value() + "/" + value.value();
                Located<CfPolicy> first = seen.putIfAbsent(key, cf.policy().get());
                if (first == null) {
                    seenIn.put(key, cf);
                } else if (first.value() != cf.policy().get().value()) {
                    CfDecl other = seenIn.get(key);
                    report(DiagnosticCode.CF_CONFLICT, value.span(), cf.name().value() + " gives " + cf.type().get().value()
                            + " " + hex(value.value()) + " of " + owner + " policy " + cf.policy().get().value() + ", but "
                            + other.name().value() + " (" + other.name().span().lineCol() + ") gives " + first.value());
                }
            }
        }
    }

    private void checkUploadable() {
        if (!policy.vms().isEmpty() && policy.mems().isEmpty()) {
            report(DiagnosticCode.NOT_UPLOADABLE, startOf(policy.span()),
                    "no Mem object: the RMM rejects a policy without memory objects at upload");
        }
    }

    private boolean fits(Located<BigInteger> value, String key, FieldRange range) {
        if (range.contains(value.value())) {
            return true;
        }
        report(DiagnosticCode.OUT_OF_RANGE, value.span(), quote(key) + " value " + hex(value.value())
                + " does not fit in " + range.describe());
        return false;
    }

    private void report(DiagnosticCode code, SourceSpan span, String message) {
        out.add(error(code, span, message));
    }

    private static SourceSpan startOf(SourceSpan span) {
        return new SourceSpan(span.file(), span.line(), span.col(), span.line(), span.col() + 1);
    }

    private static String quote(String s) {
        return Literals.quote(s);
    }

    private static String hex(BigInteger v) {
        return Literals.hex(v);
    }
}
