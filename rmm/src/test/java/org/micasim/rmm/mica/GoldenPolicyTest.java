package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with the policy compiler: the golden POLY v1 payloads of policy-lang (a test-data copy
 * in this module's resources; the RMM does not depend on policy-lang) decode to the published examples.
 */
class GoldenPolicyTest {
    static byte[] golden(String name) {
        try (InputStream in = GoldenPolicyTest.class.getResourceAsStream("golden/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("missing golden payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void compilerPayloadsDecodeToThePublishedExamples() throws PolicyFormatException {
        Map<String, Policy> expected = Map.of("network-service-rnet", Policies.rnet(),
                "network-service-ra", Policies.ra(), "guard-railed-rg", Policies.rg(),
                "guard-railed-rf", Policies.rf(), "guard-railed-ri", Policies.ri());
        for (Map.Entry<String, Policy> e : expected.entrySet()) {
            byte[] bin = golden(e.getKey());
            assertEquals(e.getValue(), PolicyDecoder.decode(bin), e.getKey());
            assertArrayEquals(bin, PolyWriter.encode(e.getValue()), e.getKey());
        }
    }

    @Test
    void prefaultHelperDecodesButCannotBeUploaded() throws PolicyFormatException {
        Policy p = PolicyDecoder.decode(golden("prefault-shm2"));
        assertEquals(Policy.NO_SELF, p.selfIndex());
        assertEquals(List.of(), p.vms());
        assertEquals(Mapping.ANY, p.mems().get(0).mappings().get(0).vmIndex());
        ValidationResult r = new ValidationWorld().realm(0x8000_0000L).validate(0x8000_0000L, p);
        assertEquals(ValidationCode.EWRITEBACK, r.code(), r.detail());
    }
}
