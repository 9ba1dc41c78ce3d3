package org.micasim.realms.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.micasim.rmm.abi.PsciReturn;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.simulator.guest.GuestCpu;
import org.micasim.simulator.guest.GuestException;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.guest.GuestProgram;

/**
 * A hostile realm: a guest program that makes seeded random RSI and PSCI calls (any FID, arguments near
 * its own IPAs, the unprotected half and beyond) and random loads and stores, then powers the realm off.
 * Its image parameters are the 8-byte seed, so which calls it makes is part of the measured image and a
 * replay (or an smc-script that writes the same image) repeats them. Every return value is checked
 * against the codes its function may return; a stray one is an undefined outcome.
 */
public final class FuzzGuest implements GuestProgram {
    /** The program name realm images use. */
    public static final String NAME = "fuzz-rsi";
    /** RSI/PSCI calls or accesses per run of the program. */
    static final int ACTIONS = 40;

    /**
     * The PSCI functions that reach the host, which a Mica CALL rule (selector 0x17) with BLOCK answers with
     * RSI_ERROR_STATE (docs/mica.md §7); PSCI_VERSION and PSCI_FEATURES the RMM answers itself.
     */
    static final Set<RsiCommand> HOST_REACHING_PSCI = EnumSet.of(RsiCommand.PSCI_CPU_SUSPEND_32,
        RsiCommand.PSCI_CPU_SUSPEND_64, RsiCommand.PSCI_CPU_OFF, RsiCommand.PSCI_CPU_ON_32,
        RsiCommand.PSCI_CPU_ON_64, RsiCommand.PSCI_AFFINITY_INFO_32, RsiCommand.PSCI_AFFINITY_INFO_64,
        RsiCommand.PSCI_SYSTEM_OFF, RsiCommand.PSCI_SYSTEM_RESET);

    private final FuzzLog log;
    /** The seed from the image parameters: it names the realm image this guest runs. */
    private long seed;

    public FuzzGuest(FuzzLog log) {
        this.log = log;
    }

    /** The image descriptor bytes (what the host writes to its source page) for {@code seed}. */
    public static byte[] descriptor(long seed) {
        return GuestImage.descriptor(NAME,
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(seed).array());
    }

    @Override
    public void run(GuestCpu cpu) {
        byte[] p = cpu.parameters();
        seed = p.length >= 8 ? ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).getLong() : 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        RsiCommand[] commands = RsiCommand.values();
        for (int n = 0; n < ACTIONS; n++) {
            int k = rnd.nextInt(100);
            try {
                if (k < 8) {
                    log.uploadAttempted(seed);
                    long[] r = cpu.smc(RsiCommand.RSI_UPLOAD_POLICY.fid(), FuzzGenerator.POLICY_IPA);
                    check(RsiCommand.RSI_UPLOAD_POLICY, r[0], FuzzGenerator.POLICY_IPA);
                } else if (k < 12) {
                    long base = 0x3000L + 0x1000L * rnd.nextInt(3);
                    long[] r = cpu.smc(RsiCommand.RSI_IPA_STATE_SET.fid(), base, base + 0x1000L * (1 + rnd.nextInt(3)),
                        rnd.nextInt(2), rnd.nextInt(2));
                    check(RsiCommand.RSI_IPA_STATE_SET, r[0], base);
                } else if (k < 15) {
                    long[] r = cpu.smc(RsiCommand.PSCI_CPU_ON_64.fid(), 1, 0, rnd.nextInt(16));
                    check(RsiCommand.PSCI_CPU_ON_64, r[0], 1);
                } else if (k < 80) {
                    RsiCommand c = commands[rnd.nextInt(commands.length)];
                    if (c == RsiCommand.PSCI_SYSTEM_OFF || c == RsiCommand.PSCI_SYSTEM_RESET
                        || c == RsiCommand.PSCI_CPU_OFF) {
                        continue; // the program ends the realm itself, at the end
                    }
                    call(cpu, c, rnd);
                } else if (k < 90) {
                    cpu.load64(ipa(rnd));
                } else {
                    cpu.store64(ipa(rnd), rnd.nextLong());
                }
            } catch (GuestException e) {
                log.injectedException();
            }
        }
        cpu.smc(RsiCommand.PSCI_SYSTEM_OFF.fid());
    }

    private void call(GuestCpu cpu, RsiCommand c, SplittableRandom rnd) {
        long[] args = new long[4];
        for (int i = 0; i < args.length; i++) {
            args[i] = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(4) == 0 ? rnd.nextInt(8) : ipa(rnd);
        }
        if (c == RsiCommand.RSI_UPLOAD_POLICY) {
            log.uploadAttempted(seed);
        }
        check(c, cpu.smc(c.fid(), args)[0], args);
    }

    private void check(RsiCommand c, long x0, long... args) {
        log.rsiCall(c == RsiCommand.RSI_UPLOAD_POLICY, x0 == 0);
        if (x0 == RsiStatus.RSI_ERROR_STATE.code() && HOST_REACHING_PSCI.contains(c) && log.mayBeBlocked(seed)) {
            log.blockedPsci();
            return;
        }
        if (!defined(c, x0)) {
            StringBuilder b = new StringBuilder("guest ").append(c).append('(');
            for (int i = 0; i < args.length; i++) {
                b.append(i == 0 ? "" : ", ").append(String.format("0x%x", args[i]));
            }
            log.undefined(b.append(String.format(") returned X0=0x%x", x0)).toString());
        }
    }

    /** Near its own memory (the image page, RAM), the unprotected half of a 39- or 40-bit IPA space, or beyond. */
    private static long ipa(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 0x1000L * rnd.nextInt(8);
            case 2 -> (1L << 38) + 0x1000L * rnd.nextInt(4);
            case 3 -> (1L << 39) + 0x1000L * rnd.nextInt(4);
            case 4 -> 0x1000L * rnd.nextInt(8) + rnd.nextInt(16) * 8;
            default -> rnd.nextLong() & ~7L;
        };
    }

    /** The codes {@code c} may return: RSI statuses, PSCI returns, or SMCCC's NOT_SUPPORTED. */
    static boolean defined(RsiCommand c, long x0) {
        if (x0 == SmcFid.SMC_NOT_SUPPORTED) {
            return true;
        }
        if (c == RsiCommand.SMCCC_VERSION || c == RsiCommand.PSCI_VERSION) {
            return x0 > 0 && x0 <= 0x7FFF_FFFFL;
        }
        if (c == RsiCommand.PSCI_AFFINITY_INFO_32 || c == RsiCommand.PSCI_AFFINITY_INFO_64) {
            return x0 >= PsciReturn.AFFINITY_ON && x0 <= 2 || PsciReturn.fromCode(x0).isPresent(); // ON, OFF, ON_PENDING
        }
        if (c.isPsci()) {
            return PsciReturn.fromCode(x0).isPresent();
        }
        if (c == RsiCommand.RSI_VERSION) {
            return List.of(0L, 1L).contains(x0); // success, or input for an unsupported revision
        }
        return RsiStatus.fromCode(x0).isPresent();
    }
}
