package org.micasim.simulator.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.micasim.simulator.machine.Machine;

class TimingProfileTest {
    @Test
    void shippedProfileCoversEveryKind() {
        TimingProfile p = TimingProfile.defaultProfile();
        assertEquals("cortex-a57-juno", p.name());
        assertEquals(900, p.frequencyMHz());
        assertEquals(150L << TimingProfile.FRACTION_BITS, p.costFixed(EventKind.SMC, 0xC4000150L), "FID does not scale the SMC cost");
        assertEquals((10L << 10) + 256 * 100, p.costFixed(EventKind.COPY_BYTES, 100), "0.25 cycles per byte in fixed point");
    }

    @Test
    void fastSmcRoundTripMatchesTheJunoMeasurement() {
        try (Machine m = Machine.builder().build()) {
            m.boot();
            long before = m.cycles(0);
            assertEquals(0x10001, m.host(0).smc(0x8400_0000L).x0());
            double ns = (m.cycles(0) - before) * 1000.0 / m.timingProfile().frequencyMHz();
            assertTrue(ns >= 520 && ns <= 720, "PSCI_VERSION round trip " + ns + " ns, TF-A measured 520-720 ns on A57");
        }
    }

    @Test
    void badProfilesAreRejectedWithWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimingProfile.parse("{\n  \"name\": \"x\",\n  oops }", "p.json"));
        assertTrue(e.getMessage().startsWith("p.json:3:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TimingProfile.parse("{\"name\":\"x\",\"frequencyMHz\":1,\"events\":{}}", "p.json"));
        assertTrue(e.getMessage().contains("events.MEM_ACCESS_TLB_HIT is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TimingProfile.parse("{\"name\":\"x\",\"frequencyMHz\":1,\"events\":{\"NOPE\":{\"cycles\":1}}}", "p.json"));
        assertTrue(e.getMessage().contains("events.NOPE: unknown event kind"), e.getMessage());
        StringBuilder all = new StringBuilder("{\"name\":\"x\",\"frequencyMHz\":1,\"events\":{");
        for (EventKind k : EventKind.values()) {
            all.append('"').append(k).append("\":{\"cycles\":1").append(k == EventKind.SMC ? ",\"perUnit\":1" : "").append("},");
        }
        all.setLength(all.length() - 1);
        all.append("}}");
        e = assertThrows(IllegalArgumentException.class, () -> TimingProfile.parse(all.toString(), "p.json"));
        assertTrue(e.getMessage().contains("events.SMC.perUnit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimingProfile.parse(all.toString().replace("\"cycles\":1", "\"cycles\":-1"), "p.json"));
    }

    @Test
    void statisticsTreeAddsUp() {
        try (Machine m = Machine.builder().processingElements(2).build()) {
            m.boot();
            m.host(1).smc(0x8400_0000L);
            StatisticsNode root = m.statistics();
            assertEquals(m.cycles(0) + m.cycles(1), root.value());
            assertEquals(1, root.find("pe1/SMC/count").value());
            assertEquals(150, root.find("pe1/SMC/cycles").value());
            assertTrue(root.toText().contains("  pe1 "));
        }
    }
}
