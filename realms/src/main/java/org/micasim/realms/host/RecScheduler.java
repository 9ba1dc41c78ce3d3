package org.micasim.realms.host;

import java.util.Map;
import java.util.TreeMap;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;

/**
 * The host's REC_ENTER loop for one realm: picks the next runnable REC round-robin after every exit (as
 * if each vCPU had its own host thread), enters it with the completion of its previous exit, and handles
 * the exit (DEN0137 §A4.3, host side).
 */
public final class RecScheduler {
    private static final long EC_WFX = 0x01;
    private static final long EC_INSTRUCTION_ABORT = 0x20;
    private static final long EC_DATA_ABORT = 0x24;
    private static final long ISV = 1L << 24;
    private static final long WNR = 1L << 6;

    private final RealmHost host;
    private final HostedRealm r;
    private final HostCallHandler hostCalls;
    private final MmioHandler mmio;
    private final boolean[] on;
    private final long[] flags;
    private final long[][] gprs;
    private final Map<String, Long> exits = new TreeMap<>();

    RecScheduler(RealmHost host, HostedRealm r, HostCallHandler hostCalls, MmioHandler mmio) {
        this.host = host;
        this.r = r;
        this.hostCalls = hostCalls;
        this.mmio = mmio;
        int n = r.recs.size();
        this.on = new boolean[n];
        this.flags = new long[n];
        this.gprs = new long[n][RmiRecEnter.NUM_GPRS];
        on[0] = true;
    }

    private int cur;
    private RmiRecExit lastExit;

    RunOutcome run(long maxExits) {
        for (long count = 0; count < maxExits; count++) {
            RunOutcome done = step();
            if (done != null) {
                return done;
            }
        }
        return outcome(RunOutcome.Reason.EXIT_LIMIT, maxExits + " exits");
    }

    /**
     * Enters the next runnable REC once and handles its exit; returns how the realm ended, or null if it
     * can run on.
     */
    public RunOutcome step() {
        cur = nextOn(cur);
        if (cur < 0) {
            return outcome(RunOutcome.Reason.ALL_CPUS_OFF, "every REC called PSCI_CPU_OFF");
        }
        RmiRecExit exit = host.enter(r, cur, new RmiRecEnter(flags[cur], gprs[cur], 0, null));
        flags[cur] = 0;
        gprs[cur] = new long[RmiRecEnter.NUM_GPRS];
        lastExit = exit;
        if (exit == null) {
            return outcome(RunOutcome.Reason.SYSTEM_OFF, "realm is SYSTEM_OFF");
        }
        exits.merge(exit.exitReason().name(), 1L, Long::sum);
        RunOutcome done = handle(cur, exit);
        if (done != null) {
            return done;
        }
        cur++;
        return null;
    }

    /** The exit the last {@link #step} handled (null before the first, or once the realm is off). */
    public RmiRecExit lastExit() {
        return lastExit;
    }

    /** Exits so far by RmiRecExitReason name. */
    public Map<String, Long> exits() {
        return java.util.Collections.unmodifiableMap(exits);
    }

    private int nextOn(int from) {
        for (int k = 0; k < on.length; k++) {
            int i = (from + k) % on.length;
            if (on[i]) {
                return i;
            }
        }
        return -1;
    }

    private RunOutcome outcome(RunOutcome.Reason reason, String detail) {
        return new RunOutcome(reason, exits, detail);
    }

    private RunOutcome handle(int cur, RmiRecExit exit) {
        switch (exit.exitReason()) {
            case RMI_EXIT_SYNC:
                sync(cur, exit);
                return null;
            case RMI_EXIT_IRQ:
            case RMI_EXIT_FIQ:
                return null;
            case RMI_EXIT_PSCI:
                return psci(cur, exit);
            case RMI_EXIT_RIPAS_CHANGE:
                if (!host.setRipas(r, cur, exit.ripasBase(), exit.ripasTop())) {
                    flags[cur] |= RmiRecEnter.FLAG_RIPAS_RESPONSE;
                }
                return null;
            case RMI_EXIT_HOST_CALL:
                long[] in = new long[RmiRecEnter.NUM_GPRS];
                for (int i = 0; i < in.length; i++) {
                    in[i] = exit.gpr(i);
                }
                long[] out = hostCalls.hostCall(exit.imm(), in);
                System.arraycopy(out, 0, gprs[cur], 0, Math.min(out.length, RmiRecEnter.NUM_GPRS));
                return null;
            case RMI_EXIT_SERROR:
                return outcome(RunOutcome.Reason.SERROR, String.format("SError esr=0x%x", exit.esr()));
            default:
                throw new HostRmiException("unknown exit " + exit.exitReason());
        }
    }

    private void sync(int cur, RmiRecExit exit) {
        long esr = exit.esr();
        long ec = (esr >>> 26) & 0x3F;
        if (ec == EC_WFX) {
            return;
        }
        if (ec != EC_DATA_ABORT && ec != EC_INSTRUCTION_ABORT) {
            throw new HostRmiException(String.format("unexpected SYNC exit esr=0x%x", esr));
        }
        long ipa = ((exit.hpfar() >>> 4) << 12) | (exit.far() & 0xFFF);
        if (ipa < r.unprotectedBase()) {
            host.populate(r, ipa);
            return;
        }
        if ((esr & ISV) == 0) {
            flags[cur] |= RmiRecEnter.FLAG_INJECT_SEA;
            return;
        }
        int size = 1 << ((esr >>> 22) & 3);
        if ((esr & WNR) != 0) {
            mmio.write(ipa, size, exit.gpr(0));
        } else {
            gprs[cur][0] = mmio.read(ipa, size);
        }
        flags[cur] |= RmiRecEnter.FLAG_EMUL_MMIO;
    }

    private RunOutcome psci(int cur, RmiRecExit exit) {
        long fid = exit.gpr(0);
        if (RealmHost.isPsci(fid, RsiCommand.PSCI_SYSTEM_OFF)) {
            return outcome(RunOutcome.Reason.SYSTEM_OFF, "PSCI_SYSTEM_OFF");
        }
        if (RealmHost.isPsci(fid, RsiCommand.PSCI_SYSTEM_RESET)) {
            return outcome(RunOutcome.Reason.SYSTEM_RESET, "PSCI_SYSTEM_RESET");
        }
        if (RealmHost.isPsci(fid, RsiCommand.PSCI_CPU_ON_32, RsiCommand.PSCI_CPU_ON_64)) {
            on[host.psciComplete(r, cur, exit.gpr(1))] = true;
        } else if (RealmHost.isPsci(fid, RsiCommand.PSCI_AFFINITY_INFO_32, RsiCommand.PSCI_AFFINITY_INFO_64)) {
            host.psciComplete(r, cur, exit.gpr(1));
        } else if (RealmHost.isPsci(fid, RsiCommand.PSCI_CPU_OFF)) {
            on[cur] = false;
        }
        return null;
    }
}
