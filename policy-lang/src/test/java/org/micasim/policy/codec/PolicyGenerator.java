package org.micasim.policy.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.micasim.policy.ast.CfDecl;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.Located;
import org.micasim.policy.ast.Mapping;
import org.micasim.policy.ast.MemDecl;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.ast.Prot;
import org.micasim.policy.ast.SourceSpan;
import org.micasim.policy.ast.VmDecl;

/**
 * Random valid policies, as syntax trees in the canonical shape the decompiler prints (every
 * optional key present, no spans): 1-8 VMs with distinct hashes, 1-8 objects whose mappings
 * involve Self, non-overlapping granule-aligned GPAs per VM, 0-8 rules with distinct selectors.
 */
final class PolicyGenerator {
    private static final String NAME_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
    private static final SourceSpan NO = SourceSpan.NONE;

    private final SplittableRandom rnd;

    PolicyGenerator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    Policy next() {
        List<String> vmNames = names("VM", 1 + rnd.nextInt(8), 2);
        List<VmDecl> vms = new ArrayList<>();
        Set<Long> hashes = new HashSet<>();
        for (String n : vmNames) {
            long hash;
            do {
                hash = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 32) : rnd.nextInt(16);
            } while (!hashes.add(hash));
            vms.add(new VmDecl(at(n), Optional.of(at(BigInteger.valueOf(hash))),
                    Optional.of(at(rnd.nextBoolean())), Optional.of(at(rnd.nextBoolean())), NO));
        }
        String self = vmNames.get(rnd.nextInt(vmNames.size()));
        long[] nextGpa = new long[vmNames.size()];
        for (int i = 0; i < nextGpa.length; i++) {
            nextGpa[i] = rnd.nextLong(1L << 40) << 12;
        }
        List<MemDecl> mems = new ArrayList<>();
        for (String n : names("Mem", 1 + rnd.nextInt(8), 1)) {
            mems.add(mem(n, vmNames, self, nextGpa));
        }
        List<CfDecl> cfs = new ArrayList<>();
        Set<Long> selectors = new HashSet<>();
        for (String n : names("CF", rnd.nextInt(9), 2)) {
            cfs.add(cf(n, vmNames, selectors));
        }
        return new Policy(Optional.of(at(self)), vms, mems, cfs, NO);
    }

    private MemDecl mem(String name, List<String> vmNames, String self, long[] nextGpa) {
        long granules = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4096) : 1 + rnd.nextInt(16);
        long size = granules << 12;
        List<String> members = new ArrayList<>(List.of(self));
        for (String v : vmNames) {
            if (!v.equals(self) && rnd.nextInt(3) == 0 && members.size() < 7) {
                members.add(v);
            }
        }
        java.util.Collections.shuffle(members, new java.util.Random(rnd.nextLong()));
        List<Mapping> maps = new ArrayList<>();
        for (String v : members) {
            int i = vmNames.indexOf(v);
            long gpa = nextGpa[i];
            nextGpa[i] += size + ((long) rnd.nextInt(4) << 12);
            maps.add(new Mapping(at(v), Optional.of(at(BigInteger.valueOf(gpa))), Optional.of(at(prot())), Optional.empty(), NO));
        }
        if (rnd.nextBoolean()) {
            int count = rnd.nextInt(4) == 0 ? -1 : 1 + rnd.nextInt(100);
            Mapping any = new Mapping(at(Mapping.ANY), Optional.of(at(BigInteger.valueOf(rnd.nextLong(1L << 40) << 12))),
                    Optional.of(at(prot())), Optional.of(at(BigInteger.valueOf(count))), NO);
            maps.add(rnd.nextInt(maps.size() + 1), any);
        }
        MemType type = rnd.nextBoolean() ? MemType.PROTECTED : MemType.UNPROTECTED;
        return new MemDecl(at(name), Optional.of(at(BigInteger.valueOf(size))), Optional.of(at(type)), Optional.of(NO), maps, NO);
    }

    private CfDecl cf(String name, List<String> vmNames, Set<Long> selectors) {
        Optional<Located<String>> owner = rnd.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(at(vmNames.get(rnd.nextInt(vmNames.size()))));
        List<Located<BigInteger>> range = new ArrayList<>();
        int n = 1 + rnd.nextInt(8);
        while (range.size() < n) {
            long v = rnd.nextInt(2) == 0 ? rnd.nextLong(1L << 32) : rnd.nextInt(64);
            if (selectors.add(v)) {
                range.add(at(BigInteger.valueOf(v)));
            }
        }
        CfType type = CfType.values()[rnd.nextInt(3)];
        CfPolicy policy = CfPolicy.values()[rnd.nextInt(3)];
        return new CfDecl(at(name), owner, Optional.of(at(type)), Optional.of(at(policy)), Optional.of(NO), range, NO);
    }

    private Prot prot() {
        return Prot.values()[rnd.nextInt(3)];
    }

    /** {@code count} distinct names: prefix plus 1 to {@code maxSuffix} characters, at most 4 in all. */
    private List<String> names(String prefix, int count, int maxSuffix) {
        Set<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < count) {
            StringBuilder s = new StringBuilder(prefix);
            int len = 1 + rnd.nextInt(Math.min(maxSuffix, 4 - prefix.length()));
            for (int i = 0; i < len; i++) {
                s.append(NAME_CHARS.charAt(rnd.nextInt(NAME_CHARS.length())));
            }
            out.add(s.toString());
        }
        return new ArrayList<>(out);
    }

    private static <T> Located<T> at(T value) {
        return new Located<>(value, NO);
    }
}
