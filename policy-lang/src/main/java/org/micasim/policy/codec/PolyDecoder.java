package org.micasim.policy.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.PolicyKeyword;
import org.micasim.policy.ast.Prot;

/**
 * Reads POLY v1 bytes back into a {@link PolyPayload}. Rejects, in the order of the RMM's parser
 * (mica.md §4.5, errors -2 to -16), everything the RMM rejects; additionally rejects what our
 * compiler never writes and the decompiler could not print as valid source: more than 8 entries of
 * a kind, non-zero reserved fields, flags other than 0 and 1, malformed or duplicate names, and
 * non-zero bytes after the payload. As in the RMM, a CF type or policy of 0 reads as OTHER.
 */
public final class PolyDecoder {
    private static final int MAX_ENTRIES = 8;

    private final ByteBuffer b;

    private PolyDecoder(byte[] bytes) {
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static PolyPayload decode(byte[] bytes) throws MalformedPolicyException {
        return new PolyDecoder(bytes).payload();
    }

    private PolyPayload payload() throws MalformedPolicyException {
        if (b.limit() < PolyLayout.HEADER_SIZE) {
            throw new MalformedPolicyException(0, "payload is " + b.limit() + " bytes; the header alone is 16");
        }
        int magic = b.getInt(PolyLayout.HDR_MAGIC);
        if (magic != PolyLayout.MAGIC) {
            throw new MalformedPolicyException(PolyLayout.HDR_MAGIC, String.format(
                    "magic is 0x%08x, expected 0x%08x (\"POLY\")", magic, PolyLayout.MAGIC));
        }
        int version = u16(PolyLayout.HDR_VERSION);
        if (version != PolyLayout.VERSION) {
            throw new MalformedPolicyException(PolyLayout.HDR_VERSION, "version is " + version + ", expected 1");
        }
        int self = u16(PolyLayout.HDR_SELF);
        int numVms = count(PolyLayout.HDR_NUM_VMS, "num_vms");
        int numMems = count(PolyLayout.HDR_NUM_MEMS, "num_mems");
        int numCfs = count(PolyLayout.HDR_NUM_CFS, "num_cfs");
        zero(PolyLayout.HDR_RESERVED, 2, "header reserved field");
        b.position(PolyLayout.HEADER_SIZE);
        if (b.remaining() < numVms * PolyLayout.VM_SIZE) {
            throw new MalformedPolicyException(b.position(), "VM section truncated: " + numVms + " records need "
                    + numVms * PolyLayout.VM_SIZE + " bytes, " + b.remaining() + " remain");
        }
        if (self != PolyLayout.NO_INDEX && self >= numVms) {
            throw new MalformedPolicyException(PolyLayout.HDR_SELF, "self_vm_index " + self + " is not below num_vms " + numVms);
        }
        Set<String> names = new HashSet<>();
        List<PolyPayload.Vm> vms = new ArrayList<>();
        for (int i = 0; i < numVms; i++) {
            vms.add(vm(names));
        }
        List<PolyPayload.Mem> mems = new ArrayList<>();
        for (int i = 0; i < numMems; i++) {
            mems.add(mem(numVms, names));
        }
        List<PolyPayload.Cf> cfs = new ArrayList<>();
        for (int i = 0; i < numCfs; i++) {
            cfs.add(cf(numVms, names));
        }
        for (int at = b.position(); at < b.limit(); at++) {
            if (b.get(at) != 0) {
                throw new MalformedPolicyException(at, "non-zero byte after the end of the payload (" + b.position() + " bytes)");
            }
        }
        return new PolyPayload(self, vms, mems, cfs);
    }

    private PolyPayload.Vm vm(Set<String> names) throws MalformedPolicyException {
        int at = b.position();
        String name = name("VM", names);
        long hash = Integer.toUnsignedLong(b.getInt());
        boolean gateway = flag(at + PolyLayout.VM_IS_GATEWAY, "is_gateway");
        boolean strict = flag(at + PolyLayout.VM_STRICT, "strict");
        zero(at + PolyLayout.VM_RESERVED, 2, "VM reserved field");
        b.position(at + PolyLayout.VM_SIZE);
        return new PolyPayload.Vm(name, hash, gateway, strict);
    }

    private PolyPayload.Mem mem(int numVms, Set<String> names) throws MalformedPolicyException {
        int at = b.position();
        if (b.remaining() < PolyLayout.MEM_SIZE) {
            throw new MalformedPolicyException(at, "MEM header truncated");
        }
        String name = name("Mem", names);
        long size = b.getLong();
        int typeCode = u16(at + PolyLayout.MEM_TYPE);
        MemType type = PolicyKeyword.fromEncoding(MemType.class, typeCode)
                .filter(t -> t != MemType.OTHER)
                .orElseThrow(() -> new MalformedPolicyException(at + PolyLayout.MEM_TYPE, "type of " + name + " is "
                        + typeCode + ", neither PROTECTED (1) nor UNPROTECTED (2)"));
        int numMaps = count(at + PolyLayout.MEM_NUM_MAPS, "num_maps of " + name);
        b.position(at + PolyLayout.MEM_SIZE);
        if (b.remaining() < numMaps * PolyLayout.MAP_SIZE) {
            throw new MalformedPolicyException(b.position(), "MAP section of " + name + " truncated");
        }
        List<PolyPayload.Map> maps = new ArrayList<>();
        for (int i = 0; i < numMaps; i++) {
            maps.add(map(numVms, name));
        }
        return new PolyPayload.Mem(name, size, type, maps);
    }

    private PolyPayload.Map map(int numVms, String mem) throws MalformedPolicyException {
        int at = b.position();
        int vm = u16(at + PolyLayout.MAP_VM_INDEX);
        if (vm != PolyLayout.NO_INDEX && vm >= numVms) {
            throw new MalformedPolicyException(at, "mapping of " + mem + " names vm_index " + vm + ", not below num_vms " + numVms);
        }
        int protCode = u16(at + PolyLayout.MAP_PROT);
        Prot prot = PolicyKeyword.fromEncoding(Prot.class, protCode).orElseThrow(() -> new MalformedPolicyException(
                at + PolyLayout.MAP_PROT, "prot of a mapping of " + mem + " is " + protCode + ", not 1 (R), 2 (W) or 3 (RW)"));
        long gpa = b.getLong(at + PolyLayout.MAP_GPA);
        int anyCount = b.getInt(at + PolyLayout.MAP_ANY_COUNT);
        if (vm == PolyLayout.NO_INDEX && anyCount < -1) {
            throw new MalformedPolicyException(at + PolyLayout.MAP_ANY_COUNT, "ANY mapping of " + mem
                    + " has any_count " + anyCount + ", below -1");
        }
        if (vm != PolyLayout.NO_INDEX && anyCount != 0) {
            throw new MalformedPolicyException(at + PolyLayout.MAP_ANY_COUNT, "named mapping of " + mem
                    + " has any_count " + anyCount + ", not 0");
        }
        zero(at + PolyLayout.MAP_RESERVED, 4, "mapping reserved field");
        b.position(at + PolyLayout.MAP_SIZE);
        return new PolyPayload.Map(vm, prot, gpa, anyCount);
    }

    private PolyPayload.Cf cf(int numVms, Set<String> names) throws MalformedPolicyException {
        int at = b.position();
        if (b.remaining() < PolyLayout.CF_SIZE) {
            throw new MalformedPolicyException(at, "CF header truncated");
        }
        String name = name("CF", names);
        int owner = u16(at + PolyLayout.CF_OWNER);
        if (owner != PolyLayout.NO_INDEX && owner >= numVms) {
            throw new MalformedPolicyException(at + PolyLayout.CF_OWNER, "owner of " + name + " is vm_index " + owner
                    + ", not below num_vms " + numVms);
        }
        CfType type = keyword(CfType.class, at + PolyLayout.CF_TYPE, "type of " + name);
        CfPolicy policy = keyword(CfPolicy.class, at + PolyLayout.CF_POLICY, "policy of " + name);
        int len = count(at + PolyLayout.CF_RANGE_LEN, "range_len of " + name);
        b.position(at + PolyLayout.CF_SIZE);
        if (b.remaining() < len * PolyLayout.RANGE_VALUE_SIZE) {
            throw new MalformedPolicyException(b.position(), "range of " + name + " truncated");
        }
        List<Long> range = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            range.add(Integer.toUnsignedLong(b.getInt()));
        }
        return new PolyPayload.Cf(name, owner, type, policy, range);
    }

    private <E extends Enum<E> & PolicyKeyword> E keyword(Class<E> type, int at, String what)
            throws MalformedPolicyException {
        int code = u16(at);
        Optional<E> value = PolicyKeyword.fromEncoding(type, code == 0 ? 3 : code);
        if (value.isEmpty()) {
            throw new MalformedPolicyException(at, what + " is " + code + ", not 1, 2 or 3");
        }
        return value.get();
    }

    private String name(String prefix, Set<String> names) throws MalformedPolicyException {
        int at = b.position();
        byte[] raw = new byte[PolyLayout.NAME_BYTES];
        b.get(raw);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        for (int i = len; i < raw.length; i++) {
            if (raw[i] != 0) {
                throw new MalformedPolicyException(at + i, "name has a non-zero byte after its terminating NUL");
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int c = raw[i] & 0xff;
            boolean ok = Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == '-';
            if (!ok) {
                throw new MalformedPolicyException(at + i, String.format("name byte 0x%02x is not an ASCII letter, digit, '_' or '-'", c));
            }
            s.append((char) c);
        }
        String name = s.toString();
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            throw new MalformedPolicyException(at, "name \"" + name + "\" is not " + prefix + "<id>");
        }
        if (!names.add(name)) {
            throw new MalformedPolicyException(at, "name \"" + name + "\" is used twice");
        }
        return name;
    }

    private int count(int at, String what) throws MalformedPolicyException {
        int n = u16(at);
        if (n > MAX_ENTRIES) {
            throw new MalformedPolicyException(at, what + " is " + n + ", above 8");
        }
        return n;
    }

    private boolean flag(int at, String what) throws MalformedPolicyException {
        int v = b.get(at) & 0xff;
        if (v > 1) {
            throw new MalformedPolicyException(at, what + " is " + v + ", not 0 or 1");
        }
        return v == 1;
    }

    private void zero(int at, int length, String what) throws MalformedPolicyException {
        for (int i = 0; i < length; i++) {
            if (b.get(at + i) != 0) {
                throw new MalformedPolicyException(at, what + " is not zero");
            }
        }
    }

    private int u16(int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }
}
