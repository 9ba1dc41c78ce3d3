package org.micasim.rmm.rsi;

import java.util.TreeMap;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.rmm.rec.Rec;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * The RSI dispatch table (TF-RMM {@code handle_realm_rsi}): realm SMCs by FID, SVE hint stripped. An FID
 * with no handler returns SMCCC NOT_SUPPORTED (-1) to the realm. Extensions (Mica) register their
 * functions with {@link #register}.
 */
public final class RsiDispatcher {
    private final EventSink events;
    private final TreeMap<Long, RsiHandler> table = new TreeMap<>();

    public RsiDispatcher(EventSink events) {
        this.events = events;
    }

    /**
     * Registers {@code handler} for {@code command}.
     *
     * @throws IllegalStateException if the command already has a handler
     */
    public void register(RsiCommand command, RsiHandler handler) {
        if (table.putIfAbsent(command.fid(), handler) != null) {
            throw new IllegalStateException(command + " already has a handler");
        }
    }

    /** True if a handler is registered for {@code command}. */
    public boolean has(RsiCommand command) {
        return table.containsKey(command.fid());
    }

    /** Handles the SMC the REC's vCPU executed with X0 = {@code fid}. */
    public RsiOutcome dispatch(Rec rec, long fid) {
        events.event(EventKind.FIRMWARE_OP, 1);
        RsiHandler h = table.get(fid & ~SmcFid.SVE_HINT);
        if (h == null) {
            rec.vcpu().setX(0, SmcFid.SMC_NOT_SUPPORTED);
            return RsiOutcome.RETURN_TO_REALM;
        }
        return h.handle(rec);
    }
}
