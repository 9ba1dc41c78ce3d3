package org.micasim.policy.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.policy.TestResources;

/**
 * Each published example compiles to the golden bytes, and the golden bytes hold, field by field,
 * the values the example's source says (expected values written out by hand from mica.md §4.5).
 */
class GoldenBinaryTest {
    private static final long GPA_A = 0x180_0000_0000L;
    private static final long GPA_B = 0x180_0400_0000L;
    private static final int ANY = 0xFFFF;

    @ParameterizedTest
    @CsvSource({
        "rnet.json, network-service-rnet.bin",
        "ra.json, network-service-ra.bin",
        "rg.json, guard-railed-rg.bin",
        "rf.json, guard-railed-rf.bin",
        "ri.json, guard-railed-ri.bin",
        "prefault_shm2.json, prefault-shm2.bin"
    })
    void example_compilesToGoldenBytes(String source, String golden) {
        byte[] compiled = PolicyCompiler.compileToBytes(TestResources.policy("examples/" + source));
        assertArrayEquals(TestResources.bytes("golden/" + golden), compiled, source);
    }

    @Test
    void rnet_fieldByField() {
        Fields f = new Fields("network-service-rnet.bin");
        f.header(0, 2, 1, 0);
        f.vm("VM1", 0x1, 1, 0);
        f.vm("VM2", 0x2, 0, 0);
        f.mem("Mem1", 0x2000, 1, 2);
        f.map(0, 3, GPA_A, 0);
        f.map(ANY, 3, GPA_A, 1);
        f.end(96);
    }

    @Test
    void ra_fieldByField() {
        Fields f = new Fields("network-service-ra.bin");
        f.header(1, 2, 1, 1);
        f.vm("VM1", 0x1, 1, 0);
        f.vm("VM2", 0x2, 0, 0);
        f.mem("Mem1", 0x2000, 1, 2);
        f.map(0, 3, GPA_A, 0);
        f.map(1, 3, GPA_A, 0);
        f.cf("CF1", 0, 1, 1, 0x23);
        f.end(112);
    }

    @Test
    void rg_fieldByField() {
        Fields f = new Fields("guard-railed-rg.bin");
        f.header(0, 3, 1, 0);
        f.vm("VM1", 0x1, 1, 0);
        f.vm("VM2", 0x2, 1, 0);
        f.vm("VM3", 0x3, 1, 0);
        f.mem("Mem1", 0x2000, 1, 2);
        f.map(0, 3, GPA_A, 0);
        f.map(1, 3, GPA_A, 0);
        f.end(108);
    }

    @Test
    void rf_fieldByField() {
        Fields f = new Fields("guard-railed-rf.bin");
        f.header(1, 3, 2, 0);
        f.vm("VM1", 0x1, 1, 0);
        f.vm("VM2", 0x2, 1, 0);
        f.vm("VM3", 0x3, 1, 0);
        f.mem("Mem1", 0x2000, 1, 2);
        f.map(0, 3, GPA_A, 0);
        f.map(1, 3, GPA_A, 0);
        f.mem("Mem2", 0x2000, 1, 2);
        f.map(1, 3, GPA_B, 0);
        f.map(2, 3, GPA_A, 0);
        f.end(164);
    }

    @Test
    void ri_fieldByField() {
        Fields f = new Fields("guard-railed-ri.bin");
        f.header(2, 3, 1, 0);
        f.vm("VM1", 0x1, 1, 0);
        f.vm("VM2", 0x2, 1, 0);
        f.vm("VM3", 0x3, 1, 0);
        f.mem("Mem2", 0x2000, 1, 2);
        f.map(1, 3, GPA_B, 0);
        f.map(2, 3, GPA_A, 0);
        f.end(108);
    }

    @Test
    void prefault_fieldByField() {
        Fields f = new Fields("prefault-shm2.bin");
        f.header(ANY, 0, 1, 0);
        f.mem("Mem1", 0x2000, 1, 1);
        f.map(ANY, 3, GPA_B, 1);
        f.end(52);
    }

    /** Walks a golden file record by record, asserting every field at its layout offset. */
    private static final class Fields {
        private final String file;
        private final ByteBuffer b;
        private int at;

        Fields(String file) {
            this.file = file;
            this.b = ByteBuffer.wrap(TestResources.bytes("golden/" + file)).order(ByteOrder.LITTLE_ENDIAN);
        }

        void header(int self, int vms, int mems, int cfs) {
            assertEquals(0x504f4c59, b.getInt(0), file + " magic");
            assertEquals(1, b.getShort(4), file + " version");
            assertEquals(self, Short.toUnsignedInt(b.getShort(6)), file + " self_vm_index");
            assertEquals(vms, b.getShort(8), file + " num_vms");
            assertEquals(mems, b.getShort(10), file + " num_mems");
            assertEquals(cfs, b.getShort(12), file + " num_cfs");
            assertEquals(0, b.getShort(14), file + " reserved");
            at = 16;
        }

        void vm(String name, int hash, int gateway, int strict) {
            name(name);
            assertEquals(hash, b.getInt(at + 4), file + " hash of " + name);
            assertEquals(gateway, b.get(at + 8), file + " is_gateway of " + name);
            assertEquals(strict, b.get(at + 9), file + " strict of " + name);
            assertEquals(0, b.getShort(at + 10), file + " reserved of " + name);
            at += 12;
        }

        void mem(String name, long size, int type, int maps) {
            name(name);
            assertEquals(size, b.getLong(at + 4), file + " size of " + name);
            assertEquals(type, b.getShort(at + 12), file + " type of " + name);
            assertEquals(maps, b.getShort(at + 14), file + " num_maps of " + name);
            at += 16;
        }

        void map(int vmIndex, int prot, long gpa, int anyCount) {
            String where = file + " mapping at " + at;
            assertEquals(vmIndex, Short.toUnsignedInt(b.getShort(at)), where + " vm_index");
            assertEquals(prot, b.getShort(at + 2), where + " prot");
            assertEquals(gpa, b.getLong(at + 4), where + " gpa");
            assertEquals(anyCount, b.getInt(at + 12), where + " any_count");
            assertEquals(0, b.getInt(at + 16), where + " reserved");
            at += 20;
        }

        void cf(String name, int owner, int type, int policy, int... range) {
            name(name);
            assertEquals(owner, Short.toUnsignedInt(b.getShort(at + 4)), file + " owner of " + name);
            assertEquals(type, b.getShort(at + 6), file + " type of " + name);
            assertEquals(policy, b.getShort(at + 8), file + " policy of " + name);
            assertEquals(range.length, b.getShort(at + 10), file + " range_len of " + name);
            at += 12;
            for (int r : range) {
                assertEquals(r, b.getInt(at), file + " range value of " + name);
                at += 4;
            }
        }

        void end(int size) {
            assertEquals(size, at, file + " computed size");
            assertEquals(size, b.limit(), file + " file size");
        }

        private void name(String expected) {
            byte[] raw = new byte[4];
            b.get(at, raw);
            byte[] want = new byte[4];
            byte[] ascii = expected.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(ascii, 0, want, 0, ascii.length);
            assertArrayEquals(want, raw, file + " name at " + at);
        }
    }
}
