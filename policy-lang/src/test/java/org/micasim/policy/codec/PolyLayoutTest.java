package org.micasim.policy.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.policy.ast.CfPolicy;
import org.micasim.policy.ast.CfType;
import org.micasim.policy.ast.MemType;
import org.micasim.policy.ast.Prot;

/** Pins the record sizes and field offsets of mica.md §4.5: each record's fields tile it exactly. */
class PolyLayoutTest {
    @Test
    void header_fieldsTileSixteenBytes() {
        assertEquals(List.of(0, 4, 6, 8, 10, 12, 14), List.of(PolyLayout.HDR_MAGIC, PolyLayout.HDR_VERSION,
                PolyLayout.HDR_SELF, PolyLayout.HDR_NUM_VMS, PolyLayout.HDR_NUM_MEMS, PolyLayout.HDR_NUM_CFS,
                PolyLayout.HDR_RESERVED));
        assertEquals(16, PolyLayout.HEADER_SIZE);
    }

    @Test
    void records_fieldsTileTheirSizes() {
        assertEquals(List.of(0, 4, 8, 9, 10, 12), List.of(PolyLayout.VM_NAME, PolyLayout.VM_HASH, PolyLayout.VM_IS_GATEWAY,
                PolyLayout.VM_STRICT, PolyLayout.VM_RESERVED, PolyLayout.VM_SIZE));
        assertEquals(List.of(0, 4, 12, 14, 16), List.of(PolyLayout.MEM_NAME, PolyLayout.MEM_BYTES, PolyLayout.MEM_TYPE,
                PolyLayout.MEM_NUM_MAPS, PolyLayout.MEM_SIZE));
        assertEquals(List.of(0, 2, 4, 12, 16, 20), List.of(PolyLayout.MAP_VM_INDEX, PolyLayout.MAP_PROT, PolyLayout.MAP_GPA,
                PolyLayout.MAP_ANY_COUNT, PolyLayout.MAP_RESERVED, PolyLayout.MAP_SIZE));
        assertEquals(List.of(0, 4, 6, 8, 10, 12), List.of(PolyLayout.CF_NAME, PolyLayout.CF_OWNER, PolyLayout.CF_TYPE,
                PolyLayout.CF_POLICY, PolyLayout.CF_RANGE_LEN, PolyLayout.CF_SIZE));
        assertEquals(4, PolyLayout.RANGE_VALUE_SIZE);
    }

    @Test
    void enums_carryTheirCodes() {
        assertEquals(List.of(1, 2, 3), List.of(Prot.R.encoding(), Prot.W.encoding(), Prot.RW.encoding()));
        assertEquals(List.of(1, 2, 3), List.of(MemType.PROTECTED.encoding(), MemType.UNPROTECTED.encoding(), MemType.OTHER.encoding()));
        assertEquals(List.of(1, 2, 3), List.of(CfType.CALL.encoding(), CfType.EXCEPTION.encoding(), CfType.OTHER.encoding()));
        assertEquals(List.of(1, 2, 3), List.of(CfPolicy.BLOCK.encoding(), CfPolicy.ALLOW.encoding(), CfPolicy.OTHER.encoding()));
    }

    @Test
    void fullPolicy_fitsOneGranule() {
        List<PolyPayload.Map> maps = java.util.Collections.nCopies(8, new PolyPayload.Map(0, Prot.RW, 0, 0));
        List<PolyPayload.Vm> vms = new java.util.ArrayList<>();
        List<PolyPayload.Mem> mems = new java.util.ArrayList<>();
        List<PolyPayload.Cf> cfs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            vms.add(new PolyPayload.Vm("VM" + i, i, false, false));
            mems.add(new PolyPayload.Mem("Mem" + i, 0x1000, MemType.PROTECTED, maps));
            cfs.add(new PolyPayload.Cf("CF" + i, 0, CfType.CALL, CfPolicy.BLOCK, java.util.Collections.nCopies(8, 23L)));
        }
        PolyPayload p = new PolyPayload(0, vms, mems, cfs);
        assertEquals(1872, p.byteSize());
        assertEquals(1872, PolyEncoder.encode(p).length);
    }
}
