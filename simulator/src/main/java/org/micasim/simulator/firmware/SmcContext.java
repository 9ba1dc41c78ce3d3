package org.micasim.simulator.firmware;

import org.micasim.simulator.timing.EventSink;

/**
 * The general-purpose registers of the PE that executed an SMC, as the firmware handling it sees them.
 * SMCCC: X0 holds the function ID on entry and the status on return; arguments in X1..X17, results in
 * X1..X17.
 */
public interface SmcContext {
    /** Index of the processing element that made the call. */
    int peIndex();

    /** Reads X{@code n}, 0 &lt;= n &lt;= 30. */
    long x(int n);

    /** Writes X{@code n}, 0 &lt;= n &lt;= 30. */
    void setX(int n, long value);

    /** The cost model of the PE that made the call, for the firmware's own work on it. */
    EventSink events();
}
