package org.micasim.rmm.rmi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/**
 * The RMI dispatch table (TF-RMM {@code handler.c}): one handler per command, keyed by FID. It reads
 * X1..X6, runs the handler, and writes X0 = status | index &lt;&lt; 8 and the command's result registers
 * (zero unless the handler set them, also on failure). An FID with no handler returns
 * SMC_NOT_SUPPORTED (-1). Extensions (Mica) register their commands with {@link #register}.
 */
public final class RmiDispatcher {
    /** Fixed firmware work charged per RMI call (decode, dispatch, return). */
    public static final long FIXED_OPS_PER_CALL = 1;

    private final EventSink events;
    private final TreeMap<Long, Entry> table = new TreeMap<>();
    /**
     * The same entries indexed by FID - {@link #FID_BASE} for FIDs in the RMI range, so the per-call lookup
     * neither boxes the FID nor walks the tree (a profile of RMI_VERSION showed both).
     */
    private final Entry[] byOffset = new Entry[FID_RANGE];
    /** First FID of the SMC64 standard-service range RMI (and Mica's additions) use. */
    private static final long FID_BASE = 0xC400_0150L;
    private static final int FID_RANGE = 0x40;

    public RmiDispatcher(EventSink events) {
        this.events = events;
    }

    private record Entry(RmiCommand command, RmiHandler handler) {
    }

    /**
     * Registers {@code handler} for {@code command}.
     *
     * @throws IllegalStateException if the command already has a handler
     */
    public void register(RmiCommand command, RmiHandler handler) {
        if (table.putIfAbsent(command.fid(), new Entry(command, handler)) != null) {
            throw new IllegalStateException(command + " already has a handler");
        }
        long offset = command.fid() - FID_BASE;
        if (offset >= 0 && offset < FID_RANGE) {
            byOffset[(int) offset] = table.get(command.fid());
        }
    }

    /** The commands with a handler, by FID. */
    public Map<Long, RmiCommand> commands() {
        TreeMap<Long, RmiCommand> m = new TreeMap<>();
        table.forEach((fid, e) -> m.put(fid, e.command()));
        return Collections.unmodifiableMap(m);
    }

    /** Handles one SMC from the host. */
    public void dispatch(SmcContext call) {
        long[] x = new long[7];
        for (int i = 0; i < x.length; i++) {
            x[i] = call.x(i);
        }
        long[] out = invoke(x);
        for (int i = 0; i < out.length; i++) {
            call.setX(i, out[i]);
        }
    }

    /** Runs the command named by x[0] with arguments x[1..6]; returns X0..Xn. */
    public long[] invoke(long[] x) {
        long fid = x[0] & ~SmcFid.SVE_HINT;
        long offset = fid - FID_BASE;
        Entry e = offset >= 0 && offset < FID_RANGE ? byOffset[(int) offset] : table.get(fid);
        events.event(EventKind.FIRMWARE_OP, FIXED_OPS_PER_CALL);
        if (e == null) {
            return new long[] {SmcFid.SMC_NOT_SUPPORTED};
        }
        RmiReturn ret;
        long[] outputs;
        try {
            RmiResult r = e.handler().handle(x);
            ret = r.ret();
            outputs = r.outputs();
        } catch (RmiError err) {
            ret = err.ret();
            outputs = err.outputs();
        }
        long[] regs = new long[1 + e.command().resultCount()];
        regs[0] = ret.pack();
        for (int i = 0; i < outputs.length && i + 1 < regs.length; i++) {
            regs[i + 1] = outputs[i];
        }
        return regs;
    }
}
