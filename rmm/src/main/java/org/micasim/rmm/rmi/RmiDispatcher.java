package org.micasim.rmm.rmi;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.timing.EventKind;

/**
 * The RMI dispatch table (TF-RMM {@code handler.c}): one handler per command, keyed by FID. It reads
 * X1..X6, runs the handler, and writes X0 = status | index &lt;&lt; 8 and the command's result registers
 * (zero unless the handler set them, also on failure). An FID with no handler returns
 * SMC_NOT_SUPPORTED (-1). Extensions (Mica) register their commands with {@link #register}.
 */
public final class RmiDispatcher {
    /** Fixed firmware work charged per RMI call (decode, dispatch, return). */
    public static final long FIXED_OPS_PER_CALL = 1;

    private final TreeMap<Long, Entry> table = new TreeMap<>();
    /**
     * The same entries indexed by FID - {@link #FID_BASE} for FIDs in the RMI range, so the per-call lookup
     * neither boxes the FID nor walks the tree (a profile of RMI_VERSION showed both).
     */
    private final Entry[] byOffset = new Entry[FID_RANGE];
    /** First FID of the SMC64 standard-service range RMI (and Mica's additions) use. */
    private static final long FID_BASE = 0xC400_0150L;
    private static final int FID_RANGE = 0x40;
    /** X0 (the FID) and the six argument registers an RMI command may use. */
    private static final int ARG_REGS = 7;
    /** Per-PE argument arrays, see {@link #argumentRegisters}; replaced, never changed in place, when grown. */
    private volatile long[][] argumentRegisters = new long[0][];

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

    /**
     * Handles one SMC from the host: X0 = the packed return, X1..Xn = the command's results (zero unless
     * the handler set them); an FID with no handler sets only X0 = SMC_NOT_SUPPORTED. Allocates nothing
     * beyond what the handler does.
     */
    public void dispatch(SmcContext call) {
        long[] x = argumentRegisters(call.peIndex());
        for (int i = 0; i < ARG_REGS; i++) {
            x[i] = call.x(i);
        }
        long fid = x[0] & ~SmcFid.SVE_HINT;
        long offset = fid - FID_BASE;
        Entry e = offset >= 0 && offset < FID_RANGE ? byOffset[(int) offset] : table.get(fid);
        call.events().event(EventKind.FIRMWARE_OP, FIXED_OPS_PER_CALL);
        if (e == null) {
            call.setX(0, SmcFid.SMC_NOT_SUPPORTED);
            return;
        }
        int results = e.command().resultCount();
        try {
            RmiResult r = e.handler().handle(x);
            call.setX(0, r.ret().pack());
            for (int i = 1; i <= results; i++) {
                call.setX(i, r.x(i));
            }
        } catch (RmiError err) {
            call.setX(0, err.ret().pack());
            for (int i = 1; i <= results; i++) {
                call.setX(i, err.x(i));
            }
        }
    }

    /**
     * The array a handler reads X0..X6 from, one per PE (a PE runs one RMI call at a time, and a handler
     * does not keep the array), grown when a PE with a higher index first calls.
     */
    private long[] argumentRegisters(int pe) {
        long[][] perPe = argumentRegisters;
        if (pe < perPe.length && perPe[pe] != null) {
            return perPe[pe];
        }
        synchronized (this) {
            perPe = argumentRegisters;
            if (pe >= perPe.length) {
                perPe = Arrays.copyOf(perPe, pe + 1);
            }
            if (perPe[pe] == null) {
                perPe[pe] = new long[ARG_REGS];
            }
            argumentRegisters = perPe;
            return perPe[pe];
        }
    }
}
