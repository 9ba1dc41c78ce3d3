package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.rmm.invariant.InvariantReport;
import org.micasim.rmm.invariant.Violation;
import org.micasim.simulator.gpt.Gpi;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.SmcResult;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * Runs steps on one fresh target and judges each: the call must return a defined status for its command
 * (and throw nothing), every invariant must hold afterwards, and a call that failed must have changed
 * nothing the checker can see. Stops judging at the first failure.
 */
final class Execution implements AutoCloseable {
    /** Status of a Non-secure access that took a granule protection fault. */
    static final String FAULT = "GPF";
    /** Status of a Non-secure access that went through. */
    static final String DONE = "OK";

    /** The end of the SMCCC range reserved for RMI (DEN0137 §B4.1). */
    private static final long RMI_RANGE_LAST = 0xC400_018FL;

    private static final Set<RmiStatus> I = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT);
    private static final Set<RmiStatus> IR = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM);
    private static final Set<RmiStatus> IC = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REC);
    private static final Set<RmiStatus> IT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> IRT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM, RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> IRC = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REALM, RmiStatus.RMI_ERROR_REC);
    private static final Set<RmiStatus> ICT = Set.of(RmiStatus.RMI_SUCCESS, RmiStatus.RMI_ERROR_INPUT,
        RmiStatus.RMI_ERROR_REC, RmiStatus.RMI_ERROR_RTT);
    private static final Set<RmiStatus> ANY = Set.of(RmiStatus.values());

    /**
     * The statuses each RMI 1.0 command may return (DEN0137 1.0-rel0 failure conditions, rmm.md §3); the
     * Mica commands and those Mica changes may return any RMI status.
     */
    private static final Map<RmiCommand, Set<RmiStatus>> ALLOWED = Map.ofEntries(
        Map.entry(RmiCommand.RMI_VERSION, I),
        Map.entry(RmiCommand.RMI_FEATURES, Set.of(RmiStatus.RMI_SUCCESS)),
        Map.entry(RmiCommand.RMI_GRANULE_DELEGATE, I),
        Map.entry(RmiCommand.RMI_GRANULE_UNDELEGATE, I),
        Map.entry(RmiCommand.RMI_DATA_CREATE, IRT),
        Map.entry(RmiCommand.RMI_DATA_CREATE_UNKNOWN, IT),
        Map.entry(RmiCommand.RMI_DATA_DESTROY, IT),
        Map.entry(RmiCommand.RMI_REALM_ACTIVATE, ANY),
        Map.entry(RmiCommand.RMI_REALM_CREATE, ANY),
        Map.entry(RmiCommand.RMI_REALM_DESTROY, ANY),
        Map.entry(RmiCommand.RMI_REC_AUX_COUNT, I),
        Map.entry(RmiCommand.RMI_REC_CREATE, IR),
        Map.entry(RmiCommand.RMI_REC_DESTROY, IC),
        Map.entry(RmiCommand.RMI_REC_ENTER, IRC),
        Map.entry(RmiCommand.RMI_RTT_CREATE, IT),
        Map.entry(RmiCommand.RMI_RTT_DESTROY, IT),
        Map.entry(RmiCommand.RMI_RTT_FOLD, IT),
        Map.entry(RmiCommand.RMI_RTT_READ_ENTRY, I),
        Map.entry(RmiCommand.RMI_RTT_MAP_UNPROTECTED, ANY),
        Map.entry(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, IT),
        Map.entry(RmiCommand.RMI_PSCI_COMPLETE, IC),
        Map.entry(RmiCommand.RMI_RTT_INIT_RIPAS, IRT),
        Map.entry(RmiCommand.RMI_RTT_SET_RIPAS, ICT));

    /** One executed step and what it returned. */
    record Step(FuzzOp op, long x0, String status) {
    }

    /** Why a sequence failed: an invariant name, {@code undefined-outcome} or {@code failed-call-changed-state}. */
    record Failure(int step, String kind, String detail) {
        @Override
        public String toString() {
            return kind + " at step " + (step + 1) + ": " + detail;
        }
    }

    private final FuzzTarget target;
    private final FuzzLog log = new FuzzLog();
    private final HostCpu host;
    private final List<Step> steps = new ArrayList<>();
    private long fingerprint;
    private Failure failure;

    Execution(FuzzTarget.Factory factory, boolean attested) {
        GuestProgramRegistry programs = new GuestProgramRegistry().register(FuzzGuest.NAME, () -> new FuzzGuest(log));
        this.target = factory.boot(programs, attested);
        this.host = target.host(0);
        InvariantReport r = target.checker().check();
        this.fingerprint = r.fingerprint();
        if (!r.ok()) {
            failure = violation(-1, r.violations());
        }
    }

    FuzzTarget target() {
        return target;
    }

    List<Step> steps() {
        return steps;
    }

    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Runs {@code op}, judges it, and returns the step (with its status) — or nothing after a failure. */
    Step run(FuzzOp op) {
        int index = steps.size();
        Step step;
        try {
            if (op instanceof FuzzOp.Smc s) {
                step = smc(index, s);
            } else if (op instanceof FuzzOp.RealmParams p) {
                step = write(op, p.pa(), realmParams(p).encode());
            } else if (op instanceof FuzzOp.RecParams p) {
                step = write(op, p.pa(), recParams(p).encode());
            } else if (op instanceof FuzzOp.Write w) {
                step = write(op, w.pa(), w.bytes());
            } else {
                step = probe(index, (FuzzOp.Probe) op);
            }
        } catch (RuntimeException e) {
            step = new Step(op, -1, "exception");
            fail(index, "undefined-outcome", describe(op) + " threw " + e);
        }
        steps.add(step);
        if (failure == null) {
            List<String> guest = log.undefinedOutcomes();
            if (!guest.isEmpty()) {
                fail(index, "undefined-outcome", guest.get(0));
            }
        }
        return step;
    }

    /** The run page after a REC_ENTER, for the generator to answer the exit; null if it cannot be read. */
    byte[] runPage(FuzzOp op) {
        if (op instanceof FuzzOp.Smc s && s.fid() == RmiCommand.RMI_REC_ENTER.fid() && s.args().length > 1) {
            try {
                return host.read(s.args()[1] & ~0xFFFL, RmiRecRun.SIZE);
            } catch (PhysicalAccessException e) {
                return null;
            }
        }
        return null;
    }

    private Step smc(int index, FuzzOp.Smc s) {
        SmcResult r = host.smc(s.fid(), s.args());
        long x0 = r.x0();
        Step step = new Step(s, x0, RmiReturn.format(x0));
        Optional<String> undefined = undefinedStatus(s.fid(), x0);
        if (undefined.isPresent()) {
            fail(index, "undefined-outcome", describe(s) + " returned " + undefined.get());
            return step;
        }
        InvariantReport report = target.checker().check();
        if (!report.ok()) {
            failure = violation(index, report.violations());
        } else if (x0 != 0 && report.fingerprint() != fingerprint) {
            fail(index, "failed-call-changed-state", describe(s) + " returned " + step.status()
                + " but changed the RMM's state");
        }
        fingerprint = report.fingerprint();
        return step;
    }

    /** Empty when {@code x0} is a status {@code fid} may return; otherwise why not. */
    private Optional<String> undefinedStatus(long fid, long x0) {
        long f = fid & ~SmcFid.SVE_HINT;
        if (f < RmiCommand.RMI_FID_FIRST || f > RMI_RANGE_LAST) {
            return Optional.empty(); // not an RMI FID: EL3 (PSCI, the GTSI) answers it, not the RMM
        }
        Optional<RmiCommand> c = RmiCommand.byFid(fid);
        boolean registered = target.rmm().rmi().commands().containsKey(fid & ~SmcFid.SVE_HINT);
        if (!registered) {
            return x0 == SmcFid.SMC_NOT_SUPPORTED ? Optional.empty()
                : Optional.of(String.format("0x%x for a FID with no RMI handler (expected SMC_NOT_SUPPORTED)", x0));
        }
        Optional<RmiReturn> ret = RmiReturn.unpack(x0);
        if (ret.isEmpty()) {
            return Optional.of(String.format("0x%x, not an RMI status", x0));
        }
        RmiStatus st = ret.get().status();
        int index = ret.get().index();
        Set<RmiStatus> allowed = c.map(cmd -> ALLOWED.getOrDefault(cmd, ANY)).orElse(ANY);
        if (!allowed.contains(st)) {
            return Optional.of(ret.get() + ", which " + c.map(Enum::name).orElse("this command")
                + " never returns");
        }
        boolean indexOk = switch (st) {
            case RMI_ERROR_RTT -> index <= 3 || index == 0xFF;
            case RMI_ERROR_REALM -> c.map(RmiCommand::isMicaExtension).orElse(true) || index <= 1;
            default -> index == 0;
        };
        return indexOk ? Optional.empty() : Optional.of(ret.get() + ", an index the status cannot carry");
    }

    private Step write(FuzzOp op, long pa, byte[] bytes) {
        try {
            host.write(pa, bytes);
            return new Step(op, 0, DONE);
        } catch (PhysicalAccessException e) {
            return new Step(op, 0, FAULT);
        }
    }

    private Step probe(int index, FuzzOp.Probe p) {
        try {
            host.read(p.pa(), 8);
        } catch (PhysicalAccessException e) {
            return new Step(p, 0, FAULT);
        }
        int gpi = target.machine().gpiOf(p.pa());
        if (gpi != Gpi.NON_SECURE.value() && gpi != Gpi.ANY.value()) {
            fail(index, "ns-reaches-realm", String.format("a Non-secure read of 0x%x went through although its GPI is"
                + " 0x%x", p.pa(), gpi));
        }
        return new Step(p, 0, DONE);
    }

    private static RmiRealmParams realmParams(FuzzOp.RealmParams p) {
        RmiRealmParams r = RmiRealmParams.zero();
        for (String k : RealmParamsFields.ORDER) {
            if (p.fields().containsKey(k)) {
                r = r.with(k, p.fields().get(k));
            }
        }
        return r;
    }

    private static RmiRecParams recParams(FuzzOp.RecParams p) {
        RmiRecParams r = RmiRecParams.zero();
        for (String k : RealmParamsFields.REC_ORDER) {
            if (p.fields().containsKey(k)) {
                r = r.with(k, p.fields().get(k));
            }
        }
        return r;
    }

    private void fail(int index, String kind, String detail) {
        if (failure == null) {
            failure = new Failure(index, kind, detail);
        }
    }

    private static Failure violation(int index, List<Violation> violations) {
        return new Failure(index, violations.get(0).invariant(), violations.toString());
    }

    static String describe(FuzzOp op) {
        return op.render(0, "").get(0);
    }

    @Override
    public void close() {
        target.close();
    }
}
