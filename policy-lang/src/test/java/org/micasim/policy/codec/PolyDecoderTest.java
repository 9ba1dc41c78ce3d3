package org.micasim.policy.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.micasim.policy.TestResources;

/** The decoder rejects what the RMM's parser rejects, in its order, naming the offset. */
class PolyDecoderTest {
    private static byte[] ra() {
        return TestResources.bytes("golden/network-service-ra.bin").clone();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "0  | 0x00 | byte 0: magic is 0x504f4c00, expected 0x504f4c59 (\"POLY\")",
        "4  | 0x02 | byte 4: version is 2, expected 1",
        "6  | 0x05 | byte 6: self_vm_index 5 is not below num_vms 2",
        "8  | 0x09 | byte 8: num_vms is 9, above 8",
        "14 | 0x01 | byte 14: header reserved field is not zero",
        "24 | 0x02 | byte 24: is_gateway is 2, not 0 or 1",
        "16 | 0x58 | byte 16: name \"XM1\" is not VM<id>",
        "30 | 0x31 | byte 28: name \"VM1\" is used twice",
        "52 | 0x03 | byte 52: type of Mem1 is 3, neither PROTECTED (1) nor UNPROTECTED (2)",
        "56 | 0x07 | byte 56: mapping of Mem1 names vm_index 7, not below num_vms 2",
        "58 | 0x04 | byte 58: prot of a mapping of Mem1 is 4, not 1 (R), 2 (W) or 3 (RW)",
        "68 | 0x01 | byte 68: named mapping of Mem1 has any_count 1, not 0",
        "100| 0x09 | byte 100: owner of CF1 is vm_index 9, not below num_vms 2",
        "102| 0x04 | byte 102: type of CF1 is 4, not 1, 2 or 3",
    })
    void corruptField_rejectedWithOffset(int offset, String value, String message) {
        byte[] b = ra();
        b[offset] = (byte) Integer.parseInt(value.substring(2), 16);
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> PolyDecoder.decode(b));
        assertEquals(message, e.getMessage());
    }

    @Test
    void truncated_rejected() {
        byte[] b = Arrays.copyOf(ra(), 100);
        assertEquals("byte 96: CF header truncated",
                assertThrows(MalformedPolicyException.class, () -> PolyDecoder.decode(b)).getMessage());
        assertEquals("byte 0: payload is 8 bytes; the header alone is 16",
                assertThrows(MalformedPolicyException.class, () -> PolyDecoder.decode(Arrays.copyOf(ra(), 8))).getMessage());
    }

    @Test
    void wholeGranule_decodesAndTrailingGarbageDoesNot() throws MalformedPolicyException {
        byte[] page = Arrays.copyOf(ra(), 4096);
        assertEquals(PolyDecoder.decode(ra()), PolyDecoder.decode(page));
        page[4000] = 1;
        assertEquals("byte 4000: non-zero byte after the end of the payload (112 bytes)",
                assertThrows(MalformedPolicyException.class, () -> PolyDecoder.decode(page)).getMessage());
    }

    @Test
    void cfTypeZero_readsAsOther_likeTheRmm() throws MalformedPolicyException {
        byte[] b = ra();
        b[102] = 0;
        assertEquals(org.micasim.policy.ast.CfType.OTHER, PolyDecoder.decode(b).cfs().get(0).type());
    }
}
