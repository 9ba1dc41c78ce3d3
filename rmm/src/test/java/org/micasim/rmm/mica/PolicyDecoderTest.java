package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDecoderTest {
    // Offsets in the binary of Policies.ra(): header 0, VM records 16 and 28, Mem1 header 40, its two
    // MAP records 56 and 76, CF1 header 96, CF1 range 108; 112 bytes in all.
    private static final int MEM = 40;
    private static final int MAP0 = 56;
    private static final int MAP1 = 76;
    private static final int CF = 96;

    private static byte[] ra() {
        return PolyWriter.encode(Policies.ra());
    }

    private static byte[] with(byte[] b, int at, int... values) {
        byte[] c = b.clone();
        for (int i = 0; i < values.length; i++) {
            c[at + i] = (byte) values[i];
        }
        return c;
    }

    private static Arguments error(int code, Supplier<byte[]> bytes, int length) {
        return Arguments.of(code, bytes, length);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                error(-2, PolicyDecoderTest::ra, 15),
                error(-3, () -> with(ra(), 0, 0x58), 112),
                error(-4, () -> with(ra(), 4, 2), 112),
                error(-5, PolicyDecoderTest::ra, 30),
                error(-6, () -> with(ra(), 6, 2), 112),
                error(-7, PolicyDecoderTest::ra, 50),
                error(-8, () -> with(ra(), MEM + 12, 3), 112),
                error(-9, PolicyDecoderTest::ra, 70),
                error(-10, () -> with(ra(), MAP1, 2), 112),
                error(-11, () -> with(ra(), MAP0 + 2, 4), 112),
                error(-12, () -> with(ra(), MAP0, 0xFF, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF), 112),
                error(-13, () -> with(ra(), MAP1 + 12, 1), 112),
                error(-14, PolicyDecoderTest::ra, 100),
                error(-15, () -> with(ra(), CF + 4, 2), 112),
                error(-16, PolicyDecoderTest::ra, 110),
                error(-17, () -> PolyWriter.encode(nineVms()), -1),
                error(-18, () -> with(ra(), CF + 6, 9), 112),
                error(-19, () -> new PolyWriter().bytes(ra()).u32(PolicyDecoder.RIM_MAGIC).u16(1).u16(0)
                        .u16(0).u16(40).bytes(new byte[64]).out(), -1));
    }

    @ParameterizedTest(name = "code {0}")
    @MethodSource("errors")
    void everyParserErrorCodeIsReported(int code, Supplier<byte[]> bytes, int length) {
        byte[] b = bytes.get();
        PolicyFormatException e = assertThrows(PolicyFormatException.class,
                () -> PolicyDecoder.decode(b, length < 0 ? b.length : length));
        assertEquals(code, e.error().code(), e.getMessage());
        assertTrue(e.getMessage().contains("(" + code + ")"), e.getMessage());
    }

    @Test
    void nullBufferIsCodeMinusOne() {
        PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> PolicyDecoder.decode(null));
        assertEquals(PolicyError.NULL_ARGS, e.error());
        assertEquals(-1, e.error().code());
    }

    @Test
    void everyErrorCodeIsDistinctAndCovered() {
        List<Integer> codes = Arrays.stream(PolicyError.values()).map(PolicyError::code).toList();
        List<Integer> expected = new ArrayList<>();
        for (int c = -1; c >= -19; c--) {
            expected.add(c);
        }
        assertEquals(expected, codes);
        codes.forEach(c -> assertEquals(c, PolicyError.ofCode(c).code()));
    }

    private static Policy nineVms() {
        List<PolicyVm> vms = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            vms.add(Policies.vm("VM" + (i + 1), i + 1, false, false));
        }
        return new Policy(0, vms, Policies.rnet().mems(), List.of());
    }

    @Test
    void publishedCodeWinsOverCapacityCode() {
        // Nine VMs (the published parser truncates, mica-sim refuses with -17) and a mapping to VM 9 (-10).
        Policy p = nineVms();
        byte[] b = PolyWriter.encode(Policies.withMems(p, Policies.mem("Mem1", 0x1000,
                Policies.named(0, 0, Prot.RW))));
        int map = 16 + 9 * 12 + 16;
        b[map] = 9;
        PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> PolicyDecoder.decode(b));
        assertEquals(PolicyError.MAP_VM_INDEX, e.error());
    }

    @Test
    void publishedExamplesDecodeFieldByField() throws PolicyFormatException {
        byte[] b = ra();
        assertEquals(112, b.length, "16 + 12*2 + (16 + 20*2) + (12 + 4*1)");
        Policy p = PolicyDecoder.decode(b);
        assertEquals(Policies.ra(), p);
        assertEquals("VM2", p.self().orElseThrow().name().text());
        MemObject m = p.mems().get(0);
        assertEquals("Mem1", m.name().text());
        assertEquals(0x2000, m.size());
        assertEquals(Policies.SHM0, m.mappings().get(1).gpa());
        ControlRule cf = p.rules().get(0);
        assertEquals(List.of(0x23), cf.range());
        assertEquals(CfPolicy.BLOCK, cf.policy());
        for (Policy q : List.of(Policies.rnet(), Policies.rg(), Policies.rf(), Policies.ri())) {
            assertEquals(q, PolicyDecoder.decode(PolyWriter.encode(q)));
        }
    }

    @Test
    void trailingBytesOfTheGranuleAreIgnored() throws PolicyFormatException {
        byte[] page = Arrays.copyOf(ra(), 4096);
        assertEquals(Policies.ra(), PolicyDecoder.decode(page));
    }

    @Test
    void zeroTypeAndPolicyAreNormalisedToOther() throws PolicyFormatException {
        Policy p = PolicyDecoder.decode(with(ra(), CF + 6, 0, 0, 0, 0));
        assertEquals(CfType.OTHER, p.rules().get(0).type());
        assertEquals(CfPolicy.OTHER, p.rules().get(0).policy());
    }

    @Test
    void flagsAreNormalisedToBooleans() throws PolicyFormatException {
        Policy p = PolicyDecoder.decode(with(ra(), 16 + 8, 7, 0x80));
        assertTrue(p.vms().get(0).gateway());
        assertTrue(p.vms().get(0).strict());
    }

    @Test
    void expectedRimExtensionRoundTrips() throws PolicyFormatException {
        byte[] rim = new byte[32];
        Arrays.fill(rim, (byte) 0xA5);
        Policy p = Policies.withVm(Policies.ra(), 0, new PolicyVm(ObjectName.of("VM1"), 1, true, false,
                Optional.of(MeasurementValue.of(rim))));
        Policy back = PolicyDecoder.decode(Arrays.copyOf(PolyWriter.encode(p), 4096));
        assertEquals(p, back);
        assertEquals(Optional.empty(), back.vms().get(1).expectedRim());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 1, 0x51, 77})
    void arbitraryBytesYieldAPolicyOrAParserError(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> bases = List.of(ra(), PolyWriter.encode(Policies.rf()), PolyWriter.encode(Policies.rnet()));
        for (int i = 0; i < 2000; i++) {
            byte[] b = bases.get(rnd.nextInt(bases.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length;
            try {
                Policy p = PolicyDecoder.decode(b, len);
                byte[] img = PolicyImage.encode(p);
                assertEquals(Optional.of(p).filter(q -> !q.vms().isEmpty() && !q.mems().isEmpty()),
                        PolicyImage.decode(img), "seed " + seed + " case " + i);
            } catch (PolicyFormatException e) {
                assertTrue(e.error().code() < 0, "seed " + seed);
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + ": " + e, e);
            }
        }
    }

    @Test
    void fixedBinaryBytesOfTheNetworkClientPolicy() {
        byte[] b = ra();
        assertArrayEquals(new byte[] {0x59, 0x4c, 0x4f, 0x50, 1, 0, 1, 0, 2, 0, 1, 0, 1, 0, 0, 0},
                Arrays.copyOf(b, 16));
        assertArrayEquals(new byte[] {'V', 'M', '1', 0, 1, 0, 0, 0, 1, 0, 0, 0}, Arrays.copyOfRange(b, 16, 28));
        assertArrayEquals(new byte[] {'C', 'F', '1', 0, 0, 0, 1, 0, 1, 0, 1, 0, 0x23, 0, 0, 0},
                Arrays.copyOfRange(b, CF, 112));
    }
}
