package org.micasim.rmm.rmi;

import org.micasim.rmm.abi.RmiReturn;

/**
 * The outcome of an RMI command: the packed return and the output registers X1...
 */
public record RmiResult(RmiReturn ret, long[] outputs) {
    /** RMI_SUCCESS with no outputs: shared, since a result is immutable (most commands return it). */
    private static final RmiResult SUCCESS = new RmiResult(RmiReturn.SUCCESS, new long[0]);

    public RmiResult {
        outputs = outputs.clone();
    }

    /** RMI_SUCCESS with outputs X1... */
    public static RmiResult success(long... outputs) {
        return outputs.length == 0 ? SUCCESS : new RmiResult(RmiReturn.SUCCESS, outputs);
    }

    /** X{@code n}, 1-based; 0 if the command has no such output. */
    public long x(int n) {
        return n - 1 < outputs.length ? outputs[n - 1] : 0;
    }

    /** The number of outputs, X1..X{@code outputCount()}. */
    public int outputCount() {
        return outputs.length;
    }

    @Override
    public long[] outputs() {
        return outputs.clone();
    }
}
