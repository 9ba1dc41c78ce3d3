package org.micasim.rmm.rmi;

import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;

/**
 * A failure condition of an RMI command, thrown by a handler as soon as it finds the first condition
 * that holds, before any effect. Carries the status, its index and any outputs the spec defines on
 * failure (e.g. {@code top} of RMI_DATA_DESTROY). The dispatcher turns it into X0..Xn; it never leaves
 * the dispatcher.
 */
public final class RmiError extends Exception {
    private static final long serialVersionUID = 1L;

    private final RmiReturn ret;
    private final transient long[] outputs;

    public RmiError(RmiStatus status, int index, long... outputs) {
        super(new RmiReturn(status, index).toString(), null, false, false);
        this.ret = new RmiReturn(status, index);
        this.outputs = outputs.clone();
    }

    /** RMI_ERROR_INPUT. */
    public static RmiError input() {
        return new RmiError(RmiStatus.RMI_ERROR_INPUT, 0);
    }

    /** RMI_ERROR_REALM with an index. */
    public static RmiError realm(int index) {
        return new RmiError(RmiStatus.RMI_ERROR_REALM, index);
    }

    /** RMI_ERROR_REC. */
    public static RmiError rec() {
        return new RmiError(RmiStatus.RMI_ERROR_REC, 0);
    }

    /** RMI_ERROR_RTT carrying the level where the walk stopped, plus outputs (X1..). */
    public static RmiError rtt(int level, long... outputs) {
        return new RmiError(RmiStatus.RMI_ERROR_RTT, level, outputs);
    }

    public RmiReturn ret() {
        return ret;
    }

    /** X{@code n} on failure, 1-based; 0 if the error sets no such output. */
    public long x(int n) {
        return n - 1 < outputs.length ? outputs[n - 1] : 0;
    }

    /** Outputs for X1.. on failure (a copy). */
    public long[] outputs() {
        return outputs.clone();
    }
}
