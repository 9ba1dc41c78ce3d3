package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hostile guests of one sequence saw: undefined return values, and notes. Guests run on their
 * vCPU threads (one at a time, inside REC_ENTER), so access is synchronised.
 */
public final class FuzzLog {
    private final List<String> undefined = new ArrayList<>();
    private int notes;
    private long rsiCalls;
    private long uploads;
    private long uploadsAccepted;

    public synchronized void undefined(String what) {
        undefined.add(what);
    }

    public synchronized void note(String what) {
        notes++;
    }

    /** Undefined outcomes seen so far (a copy). */
    public synchronized List<String> undefinedOutcomes() {
        return List.copyOf(undefined);
    }

    public synchronized int notes() {
        return notes;
    }

    /** Counts one RSI or PSCI call a guest made; {@code upload} for RSI_UPLOAD_POLICY, {@code ok} if it succeeded. */
    public synchronized void rsiCall(boolean upload, boolean ok) {
        rsiCalls++;
        if (upload) {
            uploads++;
            if (ok) {
                uploadsAccepted++;
            }
        }
    }

    /** {RSI/PSCI calls, RSI_UPLOAD_POLICY calls, uploads accepted}. */
    public synchronized long[] rsiCounts() {
        return new long[] {rsiCalls, uploads, uploadsAccepted};
    }
}
