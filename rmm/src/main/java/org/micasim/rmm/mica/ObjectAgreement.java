package org.micasim.rmm.mica;

import java.util.Optional;

/**
 * Peer agreement on one memory object (mica.md §4.6 step 2, the published
 * {@code mem_def_equal_across_cfgs}): both views have the same type and size, the same ANY if both have
 * one, and every named mapping of one view is in the other, matched by VM identity, with equal IPA,
 * protection and VM flags, or is covered by the other's ANY within its count. mica-sim adds: where both
 * views state an expected RIM for a VM, they state the same one.
 */
final class ObjectAgreement {
    private ObjectAgreement() {
    }

    /** Why the two views disagree, or null if they agree. */
    static String disagreement(Policy a, MemObject ma, Policy b, MemObject mb) {
        if (ma.type() != mb.type()) {
            return "type " + ma.type() + " versus " + mb.type();
        }
        if (ma.size() != mb.size()) {
            return String.format("size 0x%x versus 0x%x", ma.size(), mb.size());
        }
        Optional<Mapping> anyA = ma.any();
        Optional<Mapping> anyB = mb.any();
        if (anyA.isPresent() && anyB.isPresent()) {
            Mapping x = anyA.get();
            Mapping y = anyB.get();
            if (x.gpa() != y.gpa() || x.prot() != y.prot() || x.anyCount() != y.anyCount()) {
                return "the ANY mappings differ";
            }
        }
        String oneWay = namedCovered(a, ma, b, mb, "the peer");
        return oneWay != null ? oneWay : namedCovered(b, mb, a, ma, "this policy");
    }

    /** Every named mapping of {@code from} appears in {@code to} or is covered by {@code to}'s ANY. */
    private static String namedCovered(Policy from, MemObject mFrom, Policy to, MemObject mTo, String toName) {
        Optional<Mapping> anyTo = mTo.any();
        int coveredByAny = 0;
        for (Mapping m : mFrom.mappings()) {
            if (m.isAny()) {
                continue;
            }
            PolicyVm vm = from.vms().get(m.vmIndex());
            Optional<Integer> idx = to.indexOfHash(vm.hash());
            Optional<Mapping> match = Optional.empty();
            if (idx.isPresent()) {
                PolicyVm other = to.vms().get(idx.get());
                if (other.gateway() != vm.gateway() || other.strict() != vm.strict()) {
                    return String.format("VM 0x%x has different is-gateway/strict flags in %s", vm.hash(), toName);
                }
                if (vm.expectedRim().isPresent() && other.expectedRim().isPresent()
                        && !vm.expectedRim().equals(other.expectedRim())) {
                    return String.format("VM 0x%x has a different expected RIM in %s", vm.hash(), toName);
                }
                match = mTo.mappingOf(idx.get());
                if (match.isPresent() && (match.get().gpa() != m.gpa() || match.get().prot() != m.prot())) {
                    return String.format("VM 0x%x maps it at 0x%x %s here, at 0x%x %s in %s", vm.hash(), m.gpa(),
                            m.prot(), match.get().gpa(), match.get().prot(), toName);
                }
            }
            if (match.isEmpty()) {
                if (anyTo.isPresent() && anyTo.get().gpa() == m.gpa() && anyTo.get().prot() == m.prot()) {
                    coveredByAny++;
                    continue;
                }
                return String.format("VM 0x%x's mapping is missing from %s", vm.hash(), toName);
            }
        }
        if (anyTo.isPresent() && anyTo.get().anyCount() != -1 && coveredByAny > anyTo.get().anyCount()) {
            return coveredByAny + " mappings rely on the ANY of " + toName + ", which admits "
                    + anyTo.get().anyCount();
        }
        return null;
    }
}
