package org.micasim.rmm.rsi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiLayouts;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.rec.Rec;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RSI_HOST_CALL: the realm passes an RsiHostCall structure (imm, gprs[0..30]) to the host.
 */
public final class HostCallFunction {
    private final RmmState s;

    public HostCallFunction(RmmState s) {
        this.s = s;
    }

    /**
     * RSI_HOST_CALL(addr). Failures: addr not 256-byte aligned, not protected, or RIPAS EMPTY →
     * RSI_ERROR_INPUT; RAM but unmapped, or DESTROYED → stage-2 fault exit. Success: REC exit
     * RMI_EXIT_HOST_CALL with imm and gprs[0..30] from the structure; on the next REC_ENTER the host's
     * enter.gprs[0..30] are copied back into the structure and X0 = RSI_SUCCESS.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.4, §B5.4.4 RsiHostCall
     */
    public RsiOutcome hostCall(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long addr = v.x(1);
        if ((addr & (RsiLayouts.HOST_CALL_SIZE - 1)) != 0 || !rec.owner().s2().isProtected(addr)) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rec.owner(), addr);
        if (t.kind() == IpaTranslation.Kind.EMPTY) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        if (t.kind() == IpaTranslation.Kind.FAULT) {
            return new RsiOutcome.Stage2Fault(addr, t.level());
        }
        byte[] hc;
        try {
            if (!IpaTranslation.writable(s.rtts(), rec.owner(), addr)) {
                v.setX(0, RsiStatus.RSI_ERROR_INPUT.code()); // the host's answer could not be written back
                return RsiOutcome.RETURN_TO_REALM;
            }
            hc = s.readRealm(t.pa(), RsiLayouts.HOST_CALL_SIZE);
        } finally {
            t.unlock(s.rtts());
        }
        RmiRecExit exit = RmiRecExit.zero().setExitReason(RmiRecExitReason.RMI_EXIT_HOST_CALL)
            .setImm((hc[0] & 0xFF) | (hc[1] & 0xFF) << 8);
        for (int i = 0; i < RsiLayouts.HOST_CALL_NUM_GPRS; i++) {
            exit.setGpr(i, MeasurementFunctions.le64(hc, RsiLayouts.HOST_CALL_OFFSET_GPRS + 8 * i));
        }
        rec.setHostCallIpa(addr);
        return new RsiOutcome.ExitToHost(exit);
    }
}
