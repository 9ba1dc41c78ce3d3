package org.micasim.realms.cli.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.abi.RmiCommand;
import picocli.CommandLine;

/**
 * Random well-formed scripts run end to end on the real platform with {@code --keep-going}: whatever the RMM
 * answers, the command must end with 0 or 1 (never an internal error or an exception), print one line per smc,
 * and give the same transcript when run twice.
 */
class SmcScriptFuzzTest {
    /** A few granules in NS DRAM, the addresses a random script keeps coming back to so that state builds up. */
    private static final long[] GRANULES = {0x8800_0000L, 0x8800_1000L, 0x8800_2000L, 0x8800_3000L, 0x8800_4000L};
    private static final long[] OTHER = {0, 1, 2, 3, -1, 0x1000, 0x20_0000, 0x4000_0000L, 0x40_0000_0000L, 0x10000,
        0x8800_0800L, 0x7FFF_F000L, 0xFFFF_F000L};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomScriptsRunToAVerdict(long seed) {
        String script = script(new SplittableRandom(seed));
        String first = run(script, seed);
        assertEquals(first, run(script, seed), "seed " + seed + ": the transcript is not deterministic");
    }

    private static String run(String script, long seed) {
        StringWriter transcript = new StringWriter();
        PrintWriter writer = new PrintWriter(transcript, true);
        CommandLine cl = new CommandLine(new SmcScriptCommand(() -> DefaultPlatform.builder().attestation(DefaultPlatform.DEFAULT_SEED),
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))));
        cl.setOut(writer);
        cl.setErr(writer);
        int status = cl.execute("--keep-going", "-");
        String shown = transcript.toString();
        assertTrue(status == 0 || status == 1, "seed " + seed + ": exit " + status + "\n" + shown + "\nscript:\n" + script);
        long smcs = script.lines().filter(l -> l.startsWith("smc ")).count();
        long printed = shown.lines().filter(l -> l.contains(" -> ")).count();
        assertTrue(printed == smcs,
                "seed " + seed + ": " + printed + " smc lines printed for " + smcs + " in the script\n" + shown);
        return shown;
    }

    /**
     * The scripts never write an RmiRecParams, so RMI_REC_CREATE always fails (num_aux 0 is not the RMM's aux
     * count) and RMI_REC_ENTER never finds a REC: a realm vCPU with nothing to run would otherwise wait in WFI
     * for ever (see docs/smc-script.md).
     */
    private static String script(SplittableRandom random) {
        List<RmiCommand> commands = List.of(RmiCommand.values());
        StringBuilder s = new StringBuilder();
        s.append("realm-params 0x88010000 s2sz=39 rtt_base=0x88001000 rtt_level_start=1 rtt_num_start=1")
                .append(" num_bps=1 num_wps=1 vmid=").append(1 + random.nextInt(3)).append('\n');
        int lines = 10 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                s.append(String.format("write 0x%x %02x%n", pick(random), random.nextInt(256)));
            } else if (kind == 1) {
                s.append(String.format("expect-mem 0x%x 00%n", pick(random)));
            } else {
                RmiCommand c = kind == 2 ? RmiCommand.RMI_GRANULE_DELEGATE : commands.get(random.nextInt(commands.size()));
                s.append("smc ").append(c.name());
                for (int a = 0; a < c.argumentCount(); a++) {
                    long v = a == 1 && c == RmiCommand.RMI_REALM_CREATE ? 0x8801_0000L : random.nextInt(3) == 0
                            ? OTHER[random.nextInt(OTHER.length)] : pick(random);
                    s.append(' ').append(v);
                }
                s.append('\n');
                if (random.nextInt(4) == 0) {
                    s.append("expect RMI_SUCCESS\n");
                }
            }
        }
        return s.toString();
    }

    private static long pick(SplittableRandom random) {
        return GRANULES[random.nextInt(GRANULES.length)];
    }
}
