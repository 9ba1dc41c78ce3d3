package org.micasim.realms.host;

/**
 * The host's side of RSI_HOST_CALL: receives the immediate and X0..X30 of the realm's RsiHostCall and
 * returns the 31 values copied back into it on the next REC_ENTER.
 */
@FunctionalInterface
public interface HostCallHandler {
    long[] hostCall(int imm, long[] gprs);

    /** Answers every host call with the realm's own registers unchanged. */
    HostCallHandler ECHO = (imm, gprs) -> gprs.clone();
}
