package org.micasim.rmm.rsi;

import org.micasim.rmm.rec.Rec;

/**
 * One RSI (or PSCI) function's handler: reads its arguments from the REC's vCPU registers X1.., writes
 * its results to X0.., and says what happens next.
 */
@FunctionalInterface
public interface RsiHandler {
    RsiOutcome handle(Rec rec);
}
