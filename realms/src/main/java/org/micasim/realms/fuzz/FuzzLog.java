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
}
