package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.micasim.rmm.mica.LittleEndian.put16;
import static org.micasim.rmm.mica.LittleEndian.put32;
import static org.micasim.rmm.mica.LittleEndian.put64;
import static org.micasim.rmm.mica.LittleEndian.u16;
import static org.micasim.rmm.mica.LittleEndian.u32;
import static org.micasim.rmm.mica.LittleEndian.u64;

/**
 * The fixed-size form of a parsed policy that the RMM writes into the realm's policy-descriptor granule,
 * extends into measurement slot 1 and streams after a group token: the published {@code parsed_payload}
 * C struct (2184 bytes, natural alignment, unused slots zero; mica.md §4.5) followed by mica-sim's eight
 * 64-byte expected-RIM slots (zero = none). See docs/mica.md, "Policy descriptor".
 */
public final class PolicyImage {
    /** Size of the published {@code parsed_payload} struct. */
    public static final int PUBLISHED_SIZE = 2184;
    /** Size of the image: the published struct plus 8 expected-RIM slots. */
    public static final int SIZE = PUBLISHED_SIZE + PolicyDecoder.MAX_VMS * MeasurementValue.SIZE;

    static final int VMS = 8;
    static final int VM_SIZE = 12;
    static final int MEMS = VMS + PolicyDecoder.MAX_VMS * VM_SIZE;
    static final int MAP_SIZE = 24;
    static final int MEM_MAPS = 24;
    static final int MEM_SIZE = MEM_MAPS + PolicyDecoder.MAX_MAPS * MAP_SIZE;
    static final int CFS = MEMS + PolicyDecoder.MAX_MEMS * MEM_SIZE;
    static final int CF_SIZE = 12 + 4 * PolicyDecoder.MAX_RANGE;
    static final int RIMS = CFS + PolicyDecoder.MAX_CFS * CF_SIZE;

    private PolicyImage() {
    }

    /** The {@value #SIZE}-byte image of {@code policy}. */
    public static byte[] encode(Policy policy) {
        if (policy.vms().size() > PolicyDecoder.MAX_VMS || policy.mems().size() > PolicyDecoder.MAX_MEMS
                || policy.rules().size() > PolicyDecoder.MAX_CFS) {
            throw new IllegalArgumentException("policy exceeds the descriptor's capacity");
        }
        byte[] img = new byte[SIZE];
        put16(img, 0, policy.selfIndex());
        put16(img, 2, policy.vms().size());
        put16(img, 4, policy.mems().size());
        put16(img, 6, policy.rules().size());
        for (int i = 0; i < policy.vms().size(); i++) {
            PolicyVm vm = policy.vms().get(i);
            int at = VMS + i * VM_SIZE;
            put32(img, at, vm.name().raw());
            put32(img, at + 4, vm.hash());
            img[at + 8] = (byte) (vm.gateway() ? 1 : 0);
            img[at + 9] = (byte) (vm.strict() ? 1 : 0);
            final int slot = RIMS + i * MeasurementValue.SIZE;
            vm.expectedRim().ifPresent(r -> r.copyTo(img, slot));
        }
        for (int i = 0; i < policy.mems().size(); i++) {
            MemObject m = policy.mems().get(i);
            if (m.mappings().size() > PolicyDecoder.MAX_MAPS) {
                throw new IllegalArgumentException("MEM '" + m.name() + "' exceeds the descriptor's capacity");
            }
            int at = MEMS + i * MEM_SIZE;
            put32(img, at, m.name().raw());
            put64(img, at + 8, m.size());
            put16(img, at + 16, m.type().code());
            put16(img, at + 18, m.mappings().size());
            for (int j = 0; j < m.mappings().size(); j++) {
                Mapping mp = m.mappings().get(j);
                int mat = at + MEM_MAPS + j * MAP_SIZE;
                put16(img, mat, mp.vmIndex());
                put16(img, mat + 2, mp.prot().code());
                put64(img, mat + 8, mp.gpa());
                put32(img, mat + 16, mp.anyCount());
            }
        }
        for (int i = 0; i < policy.rules().size(); i++) {
            ControlRule cf = policy.rules().get(i);
            if (cf.range().size() > PolicyDecoder.MAX_RANGE) {
                throw new IllegalArgumentException("CF '" + cf.name() + "' exceeds the descriptor's capacity");
            }
            int at = CFS + i * CF_SIZE;
            put32(img, at, cf.name().raw());
            put16(img, at + 4, cf.ownerIndex());
            put16(img, at + 6, cf.type().code());
            put16(img, at + 8, cf.policy().code());
            put16(img, at + 10, cf.range().size());
            for (int r = 0; r < cf.range().size(); r++) {
                put32(img, at + 12 + 4 * r, cf.range().get(r));
            }
        }
        return img;
    }

    /**
     * The policy in a descriptor image, or empty for a descriptor that holds none (no VM or no MEM, the
     * published {@code config_is_nonempty} test).
     *
     * @throws IllegalArgumentException if the image is not one {@link #encode} can produce
     */
    public static Optional<Policy> decode(byte[] img) {
        if (img.length != SIZE) {
            throw new IllegalArgumentException("a policy descriptor image has " + SIZE + " bytes, got " + img.length);
        }
        int self = u16(img, 0);
        int numVms = u16(img, 2);
        int numMems = u16(img, 4);
        int numCfs = u16(img, 6);
        if (numVms == 0 || numMems == 0) {
            return Optional.empty();
        }
        check(numVms <= PolicyDecoder.MAX_VMS && numMems <= PolicyDecoder.MAX_MEMS
                && numCfs <= PolicyDecoder.MAX_CFS, "counts");
        List<PolicyVm> vms = new ArrayList<>();
        for (int i = 0; i < numVms; i++) {
            int at = VMS + i * VM_SIZE;
            MeasurementValue rim = MeasurementValue.of(
                    Arrays.copyOfRange(img, RIMS + i * MeasurementValue.SIZE, RIMS + (i + 1) * MeasurementValue.SIZE));
            vms.add(new PolicyVm(new ObjectName(u32(img, at)), u32(img, at + 4), img[at + 8] != 0,
                    img[at + 9] != 0, rim.isZero() ? Optional.empty() : Optional.of(rim)));
        }
        List<MemObject> mems = new ArrayList<>();
        for (int i = 0; i < numMems; i++) {
            int at = MEMS + i * MEM_SIZE;
            MemType type = MemType.ofCode(u16(img, at + 16));
            int numMaps = u16(img, at + 18);
            check(type != null && numMaps <= PolicyDecoder.MAX_MAPS, "MEM " + i);
            List<Mapping> maps = new ArrayList<>();
            for (int j = 0; j < numMaps; j++) {
                int mat = at + MEM_MAPS + j * MAP_SIZE;
                Prot prot = Prot.ofCode(u16(img, mat + 2));
                check(prot != null, "MEM " + i + " mapping " + j);
                maps.add(new Mapping(u16(img, mat), prot, u64(img, mat + 8), u32(img, mat + 16)));
            }
            mems.add(new MemObject(new ObjectName(u32(img, at)), u64(img, at + 8), type, maps));
        }
        List<ControlRule> rules = new ArrayList<>();
        for (int i = 0; i < numCfs; i++) {
            int at = CFS + i * CF_SIZE;
            CfType type = CfType.ofCode(u16(img, at + 6));
            CfPolicy policy = CfPolicy.ofCode(u16(img, at + 8));
            int rangeLen = u16(img, at + 10);
            check(type != null && policy != null && rangeLen <= PolicyDecoder.MAX_RANGE, "CF " + i);
            List<Integer> range = new ArrayList<>();
            for (int r = 0; r < rangeLen; r++) {
                range.add(u32(img, at + 12 + 4 * r));
            }
            rules.add(new ControlRule(new ObjectName(u32(img, at)), u16(img, at + 4), type, policy, range));
        }
        return Optional.of(new Policy(self, vms, mems, rules));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("policy descriptor image corrupt: " + what);
        }
    }
}
