package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;
import org.micasim.rmm.abi.RmiRecRun;
import org.micasim.rmm.abi.RmiReturn;
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
        log.configureFor(target);
        InvariantReport r = target.checker().check();
        this.fingerprint = r.fingerprint();
        if (!r.ok()) {
            failure = violation(-1, r.violations());
        }
    }

    FuzzTarget target() {
        return target;
    }

    /** What this execution's guests did. */
    FuzzLog log() {
        return log;
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
            } else if (op instanceof FuzzOp.Probe p) {
                step = probe(index, p);
            } else {
                step = write(op, target(op), bytes(op));
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

    /**
     * The run page after a successful REC_ENTER, for the generator to answer the exit; null otherwise (a
     * failed REC_ENTER may name any address as its run page).
     */
    byte[] runPage(Step step) {
        if (step.x0() == 0 && step.op() instanceof FuzzOp.Smc s && s.fid() == RmiCommand.RMI_REC_ENTER.fid()) {
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
        Optional<String> undefined = StatusRules.undefined(target.rmm(), s.fid(), x0);
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

    /** The PA a memory-writing step writes at. */
    static long target(FuzzOp op) {
        if (op instanceof FuzzOp.RealmParams p) {
            return p.pa();
        }
        if (op instanceof FuzzOp.RecParams p) {
            return p.pa();
        }
        return ((FuzzOp.Write) op).pa();
    }

    /** The bytes a memory-writing step writes (a whole structure for the params steps). */
    static byte[] bytes(FuzzOp op) {
        if (op instanceof FuzzOp.RealmParams p) {
            return realmParams(p).encode();
        }
        if (op instanceof FuzzOp.RecParams p) {
            return recParams(p).encode();
        }
        return ((FuzzOp.Write) op).bytes();
    }

    private static RmiRealmParams realmParams(FuzzOp.RealmParams p) {
        return fill(RmiRealmParams.zero(), RealmParamsFields.ORDER, p.fields(), RmiRealmParams::with);
    }

    private static RmiRecParams recParams(FuzzOp.RecParams p) {
        return fill(RmiRecParams.zero(), RealmParamsFields.REC_ORDER, p.fields(), RmiRecParams::with);
    }

    /** A structure codec's {@code with(field, value)}. */
    private interface WithField<T> {
        T with(T structure, String field, long value);
    }

    /** {@code zero} with each of {@code fields} set, in the codec's field order. */
    private static <T> T fill(T zero, List<String> order, Map<String, Long> fields, WithField<T> with) {
        T r = zero;
        for (String k : order) {
            if (fields.containsKey(k)) {
                r = with.with(r, k, fields.get(k));
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
