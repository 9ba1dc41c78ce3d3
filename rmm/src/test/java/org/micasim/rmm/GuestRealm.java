package org.micasim.rmm;

import java.util.ArrayList;
import java.util.List;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecEnter;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.simulator.guest.GuestImage;
import org.micasim.simulator.machine.SmcResult;

/**
 * An ACTIVE realm on an {@link RmmTestbed} running a guest program: its descriptor at IPA 0, RIPAS RAM
 * (unbacked) over [0x1000, 0x20000), REC 0 runnable at PC 0 and {@code recs - 1} more RECs not runnable
 * (MPIDRs 1, 2, ...). {@link #runUntil} is a minimal host loop.
 */
public final class GuestRealm {
    public static final long RAM_TOP = 0x20000;

    public final RmmTestbed t;
    public final long rd;
    public final List<Long> recs = new ArrayList<>();

    public GuestRealm(RmmTestbed t, int vmid, String program, int recs) {
        this.t = t;
        this.rd = t.createRealm(vmid);
        t.ok(RmiCommand.RMI_RTT_CREATE, rd, t.delegated(), 0, 2);
        t.ok(RmiCommand.RMI_RTT_CREATE, rd, t.delegated(), 0, 3);
        t.write(RmmTestbed.SRC, GuestImage.granules(program, new byte[0]));
        t.ok(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), 0, RmmTestbed.SRC, 1);
        t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, 0x1000, RAM_TOP);
        for (int i = 0; i < recs; i++) {
            t.recParams(i, 0, i == 0);
            long rec = t.delegated();
            t.ok(RmiCommand.RMI_REC_CREATE, rd, rec, RmmTestbed.REC_PARAMS);
            this.recs.add(rec);
        }
        t.ok(RmiCommand.RMI_REALM_ACTIVATE, rd);
    }

    /** REC_ENTER of REC {@code i} with {@code enter}; returns the raw result. */
    public SmcResult enter(int i, RmiRecEnter enter) {
        t.write(RmmTestbed.RUN, enter.encode());
        return t.smc(RmiCommand.RMI_REC_ENTER, recs.get(i), RmmTestbed.RUN);
    }

    /** The exit the last successful REC_ENTER wrote. */
    public RmiRecExit exit() {
        return RmiRecExit.decode(t.read(RmmTestbed.RUN + RmiRecRun.OFFSET_EXIT, RmiRecExit.SIZE));
    }

    /**
     * Enters REC {@code i} until an exit of {@code reason}: data aborts at protected IPAs are served by
     * DATA_CREATE_UNKNOWN, IRQs and WFx re-enter, anything else is returned.
     */
    public RmiRecExit runUntil(int i, RmiRecExitReason reason) {
        RmiRecEnter next = RmiRecEnter.ofFlags(0);
        for (int n = 0; n < 10_000; n++) {
            SmcResult r = enter(i, next);
            if (r.x0() != 0) {
                throw new AssertionError("REC_ENTER failed: " + org.micasim.rmm.abi.RmiReturn.format(r.x0()));
            }
            RmiRecExit e = exit();
            next = RmiRecEnter.ofFlags(0);
            if (e.exitReason() == reason) {
                return e;
            }
            if (e.exitReason() == RmiRecExitReason.RMI_EXIT_SYNC && ((e.esr() >>> 26) & 0x3F) == 0x24) {
                long ipa = (e.hpfar() >>> 4) << 12;
                t.ok(RmiCommand.RMI_DATA_CREATE_UNKNOWN, rd, t.delegated(), ipa);
            } else if (e.exitReason() != RmiRecExitReason.RMI_EXIT_IRQ
                && e.exitReason() != RmiRecExitReason.RMI_EXIT_SYNC) {
                return e;
            }
        }
        throw new AssertionError("no " + reason + " exit");
    }
}
