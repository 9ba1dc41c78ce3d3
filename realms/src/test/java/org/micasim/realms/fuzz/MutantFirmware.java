package org.micasim.realms.fuzz;

import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRipas;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rtt.RttWalkResult;
import org.micasim.rmm.rtt.S2tte;
import org.micasim.rmm.rtt.S2tteState;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.SmcContext;

/**
 * A deliberately broken RMM for the fuzzer's self-test: the real RMM, except for one command whose
 * handler here lacks a check or an effect the real one has. It sits between EL3 and the real RMM (a
 * firmware decorator), so the RMM's main code stays as it is; the invariant checker reads the real RMM's
 * state, which the mutant handler corrupts.
 */
public final class MutantFirmware implements org.micasim.simulator.firmware.RealmFirmware {
    /** The seeded bugs. */
    public enum Mutation {
        /** RMI_DATA_DESTROY returns the page to DELEGATED without scrubbing it (the realm's data leaks). */
        DATA_DESTROY_WITHOUT_SCRUB,
        /** RMI_GRANULE_UNDELEGATE without its gran_state check: any unreferenced granule goes back to the host. */
        UNDELEGATE_WITHOUT_STATE_CHECK,
        /**
         * RMI_RTT_CREATE links the new table without counting it in its parent's refcount (the parent could
         * then be destroyed or folded while still in use). Every realm build makes this call, so a scenario
         * run or an ordinary script meets it.
         */
        RTT_CREATE_WITHOUT_PARENT_REFCOUNT
    }

    private final Rmm rmm;
    private final Mutation mutation;

    public MutantFirmware(Rmm rmm, Mutation mutation) {
        this.rmm = rmm;
        this.mutation = mutation;
    }

    @Override
    public void boot(FirmwareServices services) {
        rmm.boot(services);
    }

    @Override
    public void handleRmi(SmcContext call) {
        long fid = call.x(0);
        if (mutation == Mutation.DATA_DESTROY_WITHOUT_SCRUB && fid == RmiCommand.RMI_DATA_DESTROY.fid()
            && dataDestroyWithoutScrub(call)) {
            return;
        }
        if (mutation == Mutation.UNDELEGATE_WITHOUT_STATE_CHECK && fid == RmiCommand.RMI_GRANULE_UNDELEGATE.fid()
            && undelegateAnything(call)) {
            return;
        }
        long[] args = {call.x(1), call.x(2), call.x(3), call.x(4)};
        rmm.handleRmi(call);
        if (mutation == Mutation.RTT_CREATE_WITHOUT_PARENT_REFCOUNT && fid == RmiCommand.RMI_RTT_CREATE.fid()
            && call.x(0) == 0) {
            forgetParentReference(args[0], args[2], (int) args[3]);
        }
    }

    /** After a successful RTT_CREATE(rd, rtt, ipa, level): the parent table's refcount goes back down by one. */
    private void forgetParentReference(long rdPa, long ipa, int level) {
        RmmState s = rmm.state();
        RttWalkResult parent = s.rtts().walk(s.rdAt(rdPa).s2(), ipa, level - 1);
        s.granules().lookup(parent.rttPa()).refcountDec();
    }

    /** The success path of DATA_DESTROY minus the scrub; false (the real handler runs) if it would fail. */
    private boolean dataDestroyWithoutScrub(SmcContext call) {
        RmmState s = rmm.state();
        Rd rd = s.rdAt(call.x(1));
        long ipa = call.x(2);
        if (rd == null || (ipa & 0xFFF) != 0 || !rd.s2().isProtected(ipa)) {
            return false;
        }
        RttWalkResult w = s.rtts().walk(rd.s2(), ipa, 3);
        if (w.level() < 3 || w.state() != S2tteState.ASSIGNED) {
            return false;
        }
        long dataPa = S2tte.oa(w.entry());
        RmiRipas ripas = S2tte.ripas(w.entry());
        s.rtts().write(w.rttPa(), w.index(), S2tte.createUnassigned(ripas == RmiRipas.RAM ? RmiRipas.DESTROYED : ripas));
        s.services().tlbiIpa(rd.s2().vmid(), ipa);
        s.granules().lookup(w.rttPa()).refcountDec();
        s.granules().lookup(dataPa).transition(GranuleState.DELEGATED);
        call.setX(0, 0);
        call.setX(1, dataPa);
        call.setX(2, ipa + Granule.SIZE);
        return true;
    }

    /** UNDELEGATE of any realm granule with refcount 0; false (the real handler runs) otherwise. */
    private boolean undelegateAnything(SmcContext call) {
        RmmState s = rmm.state();
        Granule g = s.granules().lookup(call.x(1));
        if (g == null || g.state() == GranuleState.UNDELEGATED || g.state() == GranuleState.DELEGATED
            || g.refcount() != 0) {
            return false;
        }
        s.el3().undelegate(g.pa());
        g.transition(GranuleState.UNDELEGATED);
        call.setX(0, 0);
        return true;
    }
}
