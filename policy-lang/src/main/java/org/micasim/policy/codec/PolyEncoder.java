package org.micasim.policy.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes a {@link PolyPayload} as POLY v1 bytes (mica.md §4.5). */
public final class PolyEncoder {
    private PolyEncoder() {}

    /**
     * The payload's bytes, exactly {@link PolyPayload#byteSize()} long.
     *
     * @throws IllegalArgumentException if the payload does not fit a granule, a name is not 1 to 4
     *     ASCII characters, or a count does not fit its u16 field; checked policies never do this
     */
    public static byte[] encode(PolyPayload p) {
        int size = p.byteSize();
        if (size > PolyLayout.MAX_SIZE) {
            throw new IllegalArgumentException("payload is " + size + " bytes; it must fit " + PolyLayout.MAX_SIZE);
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PolyLayout.MAGIC);
        b.putShort((short) PolyLayout.VERSION);
        b.putShort(u16(p.selfIndex()));
        b.putShort(u16(p.vms().size()));
        b.putShort(u16(p.mems().size()));
        b.putShort(u16(p.cfs().size()));
        b.putShort((short) 0);
        for (PolyPayload.Vm vm : p.vms()) {
            putName(b, vm.name());
            b.putInt((int) vm.hash());
            b.put((byte) (vm.gateway() ? 1 : 0));
            b.put((byte) (vm.strict() ? 1 : 0));
            b.putShort((short) 0);
        }
        for (PolyPayload.Mem mem : p.mems()) {
            putName(b, mem.name());
            b.putLong(mem.size());
            b.putShort(u16(mem.type().encoding()));
            b.putShort(u16(mem.mappings().size()));
            for (PolyPayload.Map m : mem.mappings()) {
                b.putShort(u16(m.vmIndex()));
                b.putShort(u16(m.prot().encoding()));
                b.putLong(m.gpa());
                b.putInt(m.anyCount());
                b.putInt(0);
            }
        }
        for (PolyPayload.Cf cf : p.cfs()) {
            putName(b, cf.name());
            b.putShort(u16(cf.ownerIndex()));
            b.putShort(u16(cf.type().encoding()));
            b.putShort(u16(cf.policy().encoding()));
            b.putShort(u16(cf.range().size()));
            for (long r : cf.range()) {
                b.putInt((int) r);
            }
        }
        return b.array();
    }

    private static void putName(ByteBuffer b, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (name.isEmpty() || bytes.length > PolyLayout.NAME_BYTES || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("name " + name + " is not 1 to 4 printable ASCII characters");
        }
        b.put(bytes);
        b.put(new byte[PolyLayout.NAME_BYTES - bytes.length]);
    }

    private static short u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(value + " does not fit in u16");
        }
        return (short) value;
    }
}
