package org.micasim.realms.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the hostile guests of one sequence saw: undefined return values, injected exceptions, counts.
 * Guests run on their vCPU threads (one at a time, inside REC_ENTER), so access is synchronised.
 */
public final class FuzzLog {
    private final List<String> undefined = new ArrayList<>();
    private int injected;
    private long rsiCalls;
    private long uploads;
    private long uploadsAccepted;
    private boolean micaBlocks;
    private long blockedPsci;
    private final Set<Long> uploadingImages = new HashSet<>();

    public synchronized void undefined(String what) {
        undefined.add(what);
    }

    /** Counts an exception R-EL2 injected into a guest (an SEA or UNDEF the guest caught). */
    public synchronized void injectedException() {
        injected++;
    }

    /** Undefined outcomes seen so far (a copy). */
    public synchronized List<String> undefinedOutcomes() {
        return List.copyOf(undefined);
    }

    /** Exceptions injected into guests so far. */
    public synchronized int injectedExceptions() {
        return injected;
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

    /**
     * Whether the RMM runs Mica, whose control-transfer BLOCK rules answer every blocked SMC of a realm,
     * PSCI calls included, with RSI_ERROR_STATE (docs/security.md, findings).
     */
    public synchronized void micaBlocks(boolean on) {
        micaBlocks = on;
    }

    /** Judges the guests of {@code target}: whether its RMM runs Mica decides {@link #micaBlocks(boolean)}. */
    public void configureFor(FuzzTarget target) {
        micaBlocks(!target.rmm().config().extensions().isEmpty());
    }

    public synchronized boolean micaBlocks() {
        return micaBlocks;
    }

    /**
     * Records that a guest running the image with seed {@code image} is about to call RSI_UPLOAD_POLICY,
     * before it traps: once the RMM accepts the policy, any REC of that realm (on any PE) may be blocked,
     * and this record happens before that.
     */
    public synchronized void uploadAttempted(long image) {
        uploadingImages.add(image);
    }

    /**
     * Whether a Mica BLOCK rule may answer a host-reaching SMC of a guest running the image with seed
     * {@code image}: the RMM runs Mica and a guest of that image has tried to upload a policy (before a
     * realm's own upload nothing is blocked for it: docs/mica.md §7). RECs of one realm share its image.
     */
    public synchronized boolean mayBeBlocked(long image) {
        return micaBlocks && uploadingImages.contains(image);
    }

    /** Counts a PSCI call a Mica BLOCK rule answered with RSI_ERROR_STATE. */
    public synchronized void blockedPsci() {
        blockedPsci++;
    }

    /** {RSI/PSCI calls, RSI_UPLOAD_POLICY calls, uploads accepted, PSCI calls answered by a Mica BLOCK}. */
    public synchronized long[] rsiCounts() {
        return new long[] {rsiCalls, uploads, uploadsAccepted, blockedPsci};
    }
}
