package org.micasim.rmm.rtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.rmm.abi.RmiRipas;

/** Stage-2 entries in their architectural and software bits (hw.md §2.3-2.4, TF-RMM rel0 s2tt_pvt_defs.h). */
class S2tteTest {
    private static final long PA = 0x8765_4000L;

    @Test
    void encodings_arePinned() {
        assertEquals(0x00, S2tte.createUnassigned(RmiRipas.EMPTY));
        assertEquals(0x20, S2tte.createUnassigned(RmiRipas.RAM));
        assertEquals(0x40, S2tte.createUnassigned(RmiRipas.DESTROYED));
        assertEquals(1L << 55, S2tte.createUnassignedNs());
        assertEquals(PA | 0x7DB, S2tte.createAssigned(RmiRipas.RAM, PA, 3), "page: WB, RW, inner, AF, 0b11");
        assertEquals(0x8760_0000L | 0x7D9, S2tte.createAssigned(RmiRipas.RAM, 0x8760_0000L, 2), "block 0b01");
        assertEquals(PA | 0x04, S2tte.createAssigned(RmiRipas.EMPTY, PA, 3), "invalid, HIPAS assigned");
        assertEquals(PA | 0x44, S2tte.createAssigned(RmiRipas.DESTROYED, PA, 3));
        assertEquals(PA | 0x3, S2tte.createTable(PA));
        long host = PA | (0b101L << 2) | (0b01L << 6);
        assertEquals(host | (1L << 10) | (1L << 55) | (0b10L << 53) | (0b11L << 8) | 0b11,
            S2tte.createAssignedNs(host, 3));
    }

    @ParameterizedTest
    @CsvSource({"UNASSIGNED,EMPTY,3", "UNASSIGNED,RAM,2", "UNASSIGNED,DESTROYED,1", "ASSIGNED,EMPTY,3",
        "ASSIGNED,RAM,3", "ASSIGNED,RAM,2", "ASSIGNED,DESTROYED,2"})
    void protectedEntries_decodeToTheirStateAndRipas(S2tteState st, RmiRipas ripas, int level) {
        long e = st == S2tteState.UNASSIGNED ? S2tte.createUnassigned(ripas) : S2tte.createAssigned(ripas, PA & ~0x1F_FFFFL, level);
        assertEquals(st, S2tte.state(e, level));
        assertEquals(ripas, S2tte.ripas(e));
    }

    @Test
    void otherEntries_decode() {
        assertEquals(S2tteState.UNASSIGNED_NS, S2tte.state(S2tte.createUnassignedNs(), 2));
        assertEquals(S2tteState.ASSIGNED_NS, S2tte.state(S2tte.createAssignedNs(PA, 3), 3));
        assertEquals(S2tteState.TABLE, S2tte.state(S2tte.createTable(PA), 2));
        assertEquals(PA, S2tte.oa(S2tte.createTable(PA)));
    }

    @Test
    void hostDescriptorValidity() {
        assertEquals(true, S2tte.isValidForUnprotected(PA | (0b110L << 2) | (0b11L << 6), 3));
        assertEquals(false, S2tte.isValidForUnprotected(PA | 0b11, 3), "type bits are the RMM's");
        assertEquals(false, S2tte.isValidForUnprotected(PA | (1L << 5), 3), "MemAttr[3]");
        assertEquals(false, S2tte.isValidForUnprotected(PA | (0b100L << 2), 3), "reserved MemAttr");
        assertEquals(false, S2tte.isValidForUnprotected(PA | (1L << 55), 3), "NS is the RMM's");
    }

    @ParameterizedTest
    @CsvSource({"32,1,1,true", "39,1,1,true", "40,1,2,true", "43,1,16,true", "44,1,16,false", "40,0,1,true",
        "48,0,1,true", "39,0,1,false", "32,2,4,true", "34,2,16,true", "35,2,16,false", "40,1,1,false",
        "31,1,1,false", "49,0,1,false", "40,3,1,false"})
    void rttConfigIsValid(int s2sz, int level, int roots, boolean valid) {
        assertEquals(valid, RttGeometry.isValidConfig(s2sz, level, roots), s2sz + "/" + level + "/" + roots);
    }
}
