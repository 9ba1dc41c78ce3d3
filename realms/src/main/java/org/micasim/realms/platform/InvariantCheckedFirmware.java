package org.micasim.realms.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.invariant.InvariantChecker;
import org.micasim.rmm.invariant.InvariantReport;
import org.micasim.rmm.invariant.PhysicalView;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.machine.Machine;

/**
 * The RMM with its invariants checked after every RMI call (issue 8, docs/security.md §2): a firmware
 * decorator between EL3 and the RMM (or whatever firmware it wraps, such as a test's broken RMM). Each
 * call goes to the firmware unchanged; when it returns, the {@link InvariantChecker} reads the real RMM's
 * state and the machine through a side-effect-free view, so the check charges no cycle and emits no trace
 * event; a violation is thrown as an {@link InvariantViolation} naming the call.
 *
 * <p>RSI and PSCI calls a realm makes are handled inside RMI_REC_ENTER, with the REC running and its
 * references held; the invariants hold only between calls, so their effects are checked when the
 * REC_ENTER that ran them returns. The check closes the RMM's quiesce gate, so calls other PEs have in
 * flight finish first and new ones wait (the commands that use it drive the host from PE 0 only).
 */
final class InvariantCheckedFirmware implements RealmFirmware {
    private final RealmFirmware firmware;
    private final Rmm rmm;
    private final InvariantWatch watch;
    private RmmState state;
    private InvariantChecker checker;

    /**
     * @param firmware what EL3 calls through this decorator
     * @param rmm      the RMM whose state the checker reads (the real one, even when {@code firmware} is a mutant)
     * @param watch    counts the checks
     */
    InvariantCheckedFirmware(RealmFirmware firmware, Rmm rmm, InvariantWatch watch) {
        this.firmware = firmware;
        this.rmm = rmm;
        this.watch = watch;
    }

    @Override
    public void boot(FirmwareServices services) {
        firmware.boot(services);
    }

    /**
     * Starts checking on {@code machine}, once it has booted: a first check takes the booted state as the
     * reference the rules about change (scrubbing, realm states, RIMs) compare with.
     */
    void attach(Machine machine) {
        state = rmm.state();
        checker = new InvariantChecker(state, PhysicalView.of(machine));
        InvariantReport r = checker.check();
        if (!r.ok()) {
            throw new InvariantViolation("boot", r.violations());
        }
    }

    @Override
    public void handleRmi(SmcContext call) {
        long[] x = new long[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = call.x(i);
        }
        firmware.handleRmi(call);
        if (checker == null) {
            return;
        }
        InvariantReport r;
        state.lock().lock();
        try {
            r = checker.check();
        } finally {
            state.lock().unlock();
        }
        watch.checked();
        if (!r.ok()) {
            throw new InvariantViolation(describe(x, call.x(0)), r.violations());
        }
    }

    /** {@code NAME(args) -> STATUS}: the command's own arguments, or X1..X7 for an FID no command has. */
    static String describe(long[] x, long status) {
        Optional<RmiCommand> c = RmiCommand.byFid(x[0]);
        String name = c.map(Enum::name).orElse(String.format("0x%x", x[0]));
        int n = Math.min(c.map(RmiCommand::argumentCount).orElse(x.length - 1), x.length - 1);
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            args.add(String.format("0x%x", x[i]));
        }
        return name + "(" + String.join(", ", args) + ") -> " + RmiReturn.format(status);
    }
}
