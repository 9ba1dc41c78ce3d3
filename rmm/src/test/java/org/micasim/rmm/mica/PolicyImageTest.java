package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyImageTest {
    @Test
    void publishedStructIs2184BytesWithNaturalAlignment() {
        assertEquals(2184, PolicyImage.PUBLISHED_SIZE);
        assertEquals(8, PolicyImage.VMS, "after u16 self, num_vms, num_mems, num_cfs");
        assertEquals(104, PolicyImage.MEMS, "8 VM slots of 12 bytes");
        assertEquals(216, PolicyImage.MEM_SIZE, "24-byte header (u64 size at 8) + 8 mappings of 24 bytes");
        assertEquals(1832, PolicyImage.CFS);
        assertEquals(44, PolicyImage.CF_SIZE);
        assertEquals(PolicyImage.PUBLISHED_SIZE, PolicyImage.RIMS);
        assertEquals(2184 + 512, PolicyImage.SIZE);
    }

    @Test
    void fieldsLandAtTheirOffsets() {
        byte[] img = PolicyImage.encode(Policies.ra());
        assertEquals(1, LittleEndian.u16(img, 0), "self");
        assertEquals(2, LittleEndian.u16(img, 2));
        assertEquals(1, LittleEndian.u16(img, 4));
        assertEquals(1, LittleEndian.u16(img, 6));
        assertEquals(ObjectName.of("VM2").raw(), LittleEndian.u32(img, 8 + 12));
        assertEquals(2, LittleEndian.u32(img, 8 + 12 + 4));
        int mem = 104;
        assertEquals(0x2000, LittleEndian.u64(img, mem + 8));
        assertEquals(1, LittleEndian.u16(img, mem + 16), "PROTECTED");
        assertEquals(2, LittleEndian.u16(img, mem + 18));
        int map1 = mem + 24 + 24;
        assertEquals(1, LittleEndian.u16(img, map1));
        assertEquals(3, LittleEndian.u16(img, map1 + 2));
        assertEquals(Policies.SHM0, LittleEndian.u64(img, map1 + 8));
        int cf = 1832;
        assertEquals(0, LittleEndian.u16(img, cf + 4), "owner VM1");
        assertEquals(0x23, LittleEndian.u32(img, cf + 12));
    }

    @Test
    void roundTripsAndEmptyDescriptorsHoldNoPolicy() {
        for (Policy p : List.of(Policies.ra(), Policies.rnet(), Policies.rf())) {
            assertEquals(Optional.of(p), PolicyImage.decode(PolicyImage.encode(p)));
        }
        assertEquals(Optional.empty(), PolicyImage.decode(new byte[PolicyImage.SIZE]));
        assertThrows(IllegalArgumentException.class, () -> PolicyImage.decode(new byte[100]));
    }
}
