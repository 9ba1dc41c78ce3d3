package org.micasim.rmm.mica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The RMM's own POLY v1 parser (mica.md §4.5): small, bounds-checked at every read, independent of the
 * policy compiler. It performs the published parser's checks in the published order, with the same
 * codes -1..-16. Where the published parser silently accepts something that would make the stored policy
 * differ from the bytes the tenant wrote (more than 8 entries, which it truncates; CF type or policy
 * values above 3) this decoder refuses it, but only after the published checks, so every payload the
 * published parser refuses gets the same code here. See docs/mica.md, "Parser".
 *
 * <p>Layout (little-endian): header 16 B {u32 magic, u16 version, u16 self_vm_index, u16 num_vms,
 * u16 num_mems, u16 num_cfs, u16 reserved}; VM 12 B {char name[4], u32 hash, u8 is_gateway, u8 strict,
 * u16 reserved}; per MEM a 16 B header {char name[4], u64 size, u16 type, u16 num_maps} and 20 B MAP
 * records {u16 vm_index, u16 prot, u64 gpa, i32 any_count, u32 reserved}; per CF a 12 B header
 * {char name[4], u16 owner, u16 type, u16 policy, u16 range_len} and range_len u32 values. Bytes after
 * the CF section are ignored, except the optional expected-RIM extension ({@link #RIM_MAGIC}).
 */
public final class PolicyDecoder {
    /** "POLY". */
    public static final int MAGIC = 0x504f4c59;
    /** The only version. */
    public static final int VERSION = 1;
    /** PARSER_MAX_VMS. */
    public static final int MAX_VMS = 8;
    /** PARSER_MAX_MEMS. */
    public static final int MAX_MEMS = 8;
    /** PARSER_MAX_MAPS (mappings per MEM). */
    public static final int MAX_MAPS = 8;
    /** PARSER_MAX_CFS. */
    public static final int MAX_CFS = 8;
    /** PARSER_MAX_CF_RANGE (values per CF). */
    public static final int MAX_RANGE = 8;
    /** Header size. */
    public static final int HEADER_SIZE = 16;
    /** VM record size. */
    public static final int VM_SIZE = 12;
    /** MEM header size. */
    public static final int MEM_HEADER_SIZE = 16;
    /** MAP record size. */
    public static final int MAP_SIZE = 20;
    /** CF header size. */
    public static final int CF_HEADER_SIZE = 12;
    /**
     * mica-sim extension after the CF section: u32 magic "RIMS", u16 count, u16 reserved, then count
     * records of 68 B {u16 vm_index, u16 rim_len (32 or 64), u8 rim[64] zero-padded}.
     */
    public static final int RIM_MAGIC = 0x534d4952;
    /** Size of the RIM extension header. */
    public static final int RIM_HEADER_SIZE = 8;
    /** Size of one RIM extension record. */
    public static final int RIM_RECORD_SIZE = 68;

    private final byte[] buf;
    private final int len;
    private int pos;
    /** The first violation of a mica-sim-only rule, reported only if the published checks all pass. */
    private PolicyFormatException deferred;

    private PolicyDecoder(byte[] buf, int len) {
        this.buf = buf;
        this.len = len;
    }

    /** Parses {@code bytes} entirely (for a policy read from a granule, pass the whole granule). */
    public static Policy decode(byte[] bytes) throws PolicyFormatException {
        if (bytes == null) {
            throw new PolicyFormatException(PolicyError.NULL_ARGS, 0, "");
        }
        return decode(bytes, bytes.length);
    }

    /** Parses the first {@code length} bytes of {@code bytes}. */
    public static Policy decode(byte[] bytes, int length) throws PolicyFormatException {
        if (bytes == null) {
            throw new PolicyFormatException(PolicyError.NULL_ARGS, 0, "");
        }
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + bytes.length);
        }
        return new PolicyDecoder(bytes, length).parse();
    }

    private Policy parse() throws PolicyFormatException {
        if (len < HEADER_SIZE) {
            throw new PolicyFormatException(PolicyError.TOO_SHORT, 0, len + " bytes");
        }
        int magic = u32(0);
        int version = u16(4);
        int self = u16(6);
        int numVms = u16(8);
        int numMems = u16(10);
        int numCfs = u16(12);
        pos = HEADER_SIZE;
        if (magic != MAGIC) {
            throw new PolicyFormatException(PolicyError.BAD_MAGIC, 0, String.format("0x%08x", magic));
        }
        if (version != VERSION) {
            throw new PolicyFormatException(PolicyError.BAD_VERSION, 4, "version " + version);
        }
        overCapacity(numVms, MAX_VMS, 8, "VMs");
        overCapacity(numMems, MAX_MEMS, 10, "MEMs");
        overCapacity(numCfs, MAX_CFS, 12, "CFs");

        List<PolicyVm> vms = parseVms(numVms);
        if (self != Policy.NO_SELF && self >= numVms) {
            throw new PolicyFormatException(PolicyError.SELF_OUT_OF_RANGE, 6,
                    "self_vm_index " + self + " with " + numVms + " VMs");
        }
        List<MemObject> mems = new ArrayList<>();
        for (int i = 0; i < numMems; i++) {
            mems.add(parseMem(numVms));
        }
        List<ControlRule> rules = new ArrayList<>();
        for (int i = 0; i < numCfs; i++) {
            rules.add(parseCf(numVms));
        }
        vms = parseRimExtension(vms);
        if (deferred != null) {
            throw deferred;
        }
        return new Policy(self, vms, mems, rules);
    }

    private List<PolicyVm> parseVms(int numVms) throws PolicyFormatException {
        if (remaining() < (long) numVms * VM_SIZE) {
            throw new PolicyFormatException(PolicyError.VM_TRUNCATED, pos,
                    numVms + " VM records need " + numVms * VM_SIZE + " bytes, " + remaining() + " left");
        }
        List<PolicyVm> vms = new ArrayList<>(numVms);
        for (int i = 0; i < numVms; i++) {
            int at = pos + i * VM_SIZE;
            vms.add(new PolicyVm(new ObjectName(u32(at)), u32(at + 4), u8(at + 8) != 0, u8(at + 9) != 0,
                    Optional.empty()));
        }
        pos += numVms * VM_SIZE;
        return vms;
    }

    private MemObject parseMem(int numVms) throws PolicyFormatException {
        int header = pos;
        if (remaining() < MEM_HEADER_SIZE) {
            throw new PolicyFormatException(PolicyError.MEM_TRUNCATED, pos, remaining() + " bytes left");
        }
        ObjectName name = new ObjectName(u32(pos));
        long size = u64(pos + 4);
        int typeCode = u16(pos + 12);
        int numMaps = u16(pos + 14);
        pos += MEM_HEADER_SIZE;
        MemType type = MemType.ofCode(typeCode);
        if (type == null) {
            throw new PolicyFormatException(PolicyError.MEM_TYPE, header + 12,
                    "MEM '" + name + "' type " + typeCode);
        }
        if (remaining() < (long) numMaps * MAP_SIZE) {
            throw new PolicyFormatException(PolicyError.MAP_TRUNCATED, pos,
                    "MEM '" + name + "' declares " + numMaps + " mappings");
        }
        overCapacity(numMaps, MAX_MAPS, header + 14, "mappings in MEM '" + name + "'");
        List<Mapping> maps = new ArrayList<>(numMaps);
        for (int j = 0; j < numMaps; j++) {
            int at = pos + j * MAP_SIZE;
            int vmIndex = u16(at);
            int protCode = u16(at + 2);
            long gpa = u64(at + 4);
            int anyCount = u32(at + 12);
            if (vmIndex != Mapping.ANY && vmIndex >= numVms) {
                throw new PolicyFormatException(PolicyError.MAP_VM_INDEX, at,
                        "MEM '" + name + "' mapping " + j + " names VM " + vmIndex + " of " + numVms);
            }
            Prot prot = Prot.ofCode(protCode);
            if (prot == null) {
                throw new PolicyFormatException(PolicyError.MAP_PROT, at + 2,
                        "MEM '" + name + "' mapping " + j + " prot " + protCode);
            }
            if (vmIndex == Mapping.ANY) {
                if (anyCount < -1) {
                    throw new PolicyFormatException(PolicyError.ANY_COUNT, at + 12,
                            "MEM '" + name + "' ANY any_count " + anyCount);
                }
            } else if (anyCount != 0) {
                throw new PolicyFormatException(PolicyError.NAMED_ANY_COUNT, at + 12,
                        "MEM '" + name + "' mapping " + j + " any_count " + anyCount);
            }
            maps.add(new Mapping(vmIndex, prot, gpa, anyCount));
        }
        pos += numMaps * MAP_SIZE;
        return new MemObject(name, size, type, maps);
    }

    private ControlRule parseCf(int numVms) throws PolicyFormatException {
        int header = pos;
        if (remaining() < CF_HEADER_SIZE) {
            throw new PolicyFormatException(PolicyError.CF_TRUNCATED, pos, remaining() + " bytes left");
        }
        ObjectName name = new ObjectName(u32(pos));
        int owner = u16(pos + 4);
        int typeCode = u16(pos + 6);
        int policyCode = u16(pos + 8);
        int rangeLen = u16(pos + 10);
        pos += CF_HEADER_SIZE;
        if (owner != ControlRule.NO_OWNER && owner >= numVms) {
            throw new PolicyFormatException(PolicyError.CF_OWNER, header + 4,
                    "CF '" + name + "' owner " + owner + " of " + numVms);
        }
        if (remaining() < 4L * rangeLen) {
            throw new PolicyFormatException(PolicyError.CF_RANGE_TRUNCATED, pos,
                    "CF '" + name + "' declares " + rangeLen + " range values");
        }
        CfType type = CfType.ofCode(typeCode);
        CfPolicy policy = CfPolicy.ofCode(policyCode);
        if (type == null || policy == null) {
            defer(PolicyError.CF_ENUM, header + 6,
                    "CF '" + name + "' type " + typeCode + " policy " + policyCode);
        }
        overCapacity(rangeLen, MAX_RANGE, header + 10, "range values in CF '" + name + "'");
        List<Integer> range = new ArrayList<>(rangeLen);
        for (int r = 0; r < rangeLen; r++) {
            range.add(u32(pos + 4 * r));
        }
        pos += 4 * rangeLen;
        return new ControlRule(name, owner, type == null ? CfType.OTHER : type,
                policy == null ? CfPolicy.OTHER : policy, range);
    }

    private List<PolicyVm> parseRimExtension(List<PolicyVm> vms) {
        if (remaining() < 4 || u32(pos) != RIM_MAGIC) {
            return vms;
        }
        int start = pos;
        if (remaining() < RIM_HEADER_SIZE) {
            defer(PolicyError.RIM_EXTENSION, start, "header truncated");
            return vms;
        }
        int count = u16(pos + 4);
        pos += RIM_HEADER_SIZE;
        if (count > vms.size()) {
            defer(PolicyError.RIM_EXTENSION, start + 4, count + " RIMs for " + vms.size() + " VMs");
            return vms;
        }
        if (remaining() < (long) count * RIM_RECORD_SIZE) {
            defer(PolicyError.RIM_EXTENSION, pos, count + " records truncated");
            return vms;
        }
        List<PolicyVm> out = new ArrayList<>(vms);
        boolean[] seen = new boolean[vms.size()];
        for (int i = 0; i < count; i++) {
            int at = pos + i * RIM_RECORD_SIZE;
            int vmIndex = u16(at);
            int rimLen = u16(at + 2);
            if (vmIndex >= vms.size() || seen[vmIndex]) {
                defer(PolicyError.RIM_EXTENSION, at, "vm_index " + vmIndex + " out of range or repeated");
                return vms;
            }
            if (rimLen != 32 && rimLen != 64) {
                defer(PolicyError.RIM_EXTENSION, at + 2, "rim_len " + rimLen + " is not 32 or 64");
                return vms;
            }
            byte[] rim = Arrays.copyOfRange(buf, at + 4, at + 4 + MeasurementValue.SIZE);
            for (int k = rimLen; k < MeasurementValue.SIZE; k++) {
                if (rim[k] != 0) {
                    defer(PolicyError.RIM_EXTENSION, at + 4 + k, "non-zero byte after a " + rimLen + "-byte RIM");
                    return vms;
                }
            }
            MeasurementValue value = MeasurementValue.of(rim);
            if (value.isZero()) {
                defer(PolicyError.RIM_EXTENSION, at + 4, "all-zero RIM");
                return vms;
            }
            seen[vmIndex] = true;
            PolicyVm vm = out.get(vmIndex);
            out.set(vmIndex, new PolicyVm(vm.name(), vm.hash(), vm.gateway(), vm.strict(), Optional.of(value)));
        }
        pos += count * RIM_RECORD_SIZE;
        return out;
    }

    private void overCapacity(int count, int max, int offset, String what) {
        if (count > max) {
            defer(PolicyError.OVER_CAPACITY, offset, count + " " + what + ", at most " + max);
        }
    }

    private void defer(PolicyError error, int offset, String detail) {
        if (deferred == null) {
            deferred = new PolicyFormatException(error, offset, detail);
        }
    }

    private long remaining() {
        return (long) len - pos;
    }

    private int u8(int at) {
        return LittleEndian.u8(buf, at);
    }

    private int u16(int at) {
        return LittleEndian.u16(buf, at);
    }

    private int u32(int at) {
        return LittleEndian.u32(buf, at);
    }

    private long u64(int at) {
        return LittleEndian.u64(buf, at);
    }
}
