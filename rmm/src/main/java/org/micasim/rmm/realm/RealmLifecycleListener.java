package org.micasim.rmm.realm;

/**
 * Extension hook called by the RMI handlers at the points of a realm's life where an RMM extension
 * (Mica) keeps its own per-realm state. Every method is called after all of the command's failure
 * conditions passed and its effects were applied, so a listener never sees a failed command; the
 * default implementations do nothing.
 *
 * <ul>
 *   <li>{@link #realmCreated} at the end of RMI_REALM_CREATE;</li>
 *   <li>{@link #realmActivated} at the end of RMI_REALM_ACTIVATE (the RIM is final);</li>
 *   <li>{@link #realmDestroyed} during RMI_REALM_DESTROY, before the RD granule is scrubbed;</li>
 *   <li>{@link #unprotectedMapped} at the end of RMI_RTT_MAP_UNPROTECTED.</li>
 * </ul>
 *
 * Two hooks let an extension veto or take over part of a command, again only after all of the command's
 * own failure conditions passed:
 * <ul>
 *   <li>{@link #mayMapUnprotected} before RMI_RTT_MAP_UNPROTECTED changes anything (a refusal fails the
 *   command with RMI_ERROR_REALM);</li>
 *   <li>{@link #releasesDestroyedData} during RMI_DATA_DESTROY, after the entry was unassigned, to keep a
 *   granule the extension still uses (a page other realms share);</li>
 *   <li>{@link #mayChangeRipas} for each entry RMI_RTT_SET_RIPAS would change (a refusal stops the walk
 *   there, as an entry that may not change does).</li>
 * </ul>
 *
 * Listeners run in registration order. They must not fail: a listener that throws is an RMM bug.
 *
 * <p>Locks (docs/abi.md, "Concurrency"): other PEs may be in the RMM at the same time. The hooks are
 * called with the command's granule locks held: {@code realmCreated} with the RD and the root RTTs,
 * {@code realmActivated} and {@code realmDestroyed} with the RD, {@code mayMapUnprotected} and
 * {@code unprotectedMapped} with the last-level RTT (the RD already released), {@code mayChangeRipas} with
 * the RD, the REC and the last-level RTT, {@code releasesDestroyedData} with the last-level RTT. A listener
 * may take a lock of its own that is ordered after every granule lock (Mica's), and may lock a DATA
 * granule (after the RTT or RD) once it no longer holds that lock; it must not wait for any other granule.
 */
public interface RealmLifecycleListener {
    default void realmCreated(Rd rd) {
    }

    default void realmActivated(Rd rd) {
    }

    default void realmDestroyed(Rd rd) {
    }

    /** An unprotected IPA of {@code rd} was mapped at {@code level} by the host to Non-secure {@code pa}. */
    default void unprotectedMapped(Rd rd, long ipa, int level, long pa) {
    }

    /** Whether the host may map unprotected {@code ipa} of {@code rd} at {@code level} now. */
    default boolean mayMapUnprotected(Rd rd, long ipa, int level) {
        return true;
    }

    /** Whether RMI_RTT_SET_RIPAS may change the RIPAS of the entry of {@code rd} at {@code ipa}, {@code level}. */
    default boolean mayChangeRipas(Rd rd, long ipa, int level) {
        return true;
    }

    /**
     * Whether RMI_DATA_DESTROY, which just unassigned protected {@code ipa} of {@code rd}, scrubs the
     * granule at {@code pa} and returns it to DELEGATED (false: the extension keeps it as it is).
     */
    default boolean releasesDestroyedData(Rd rd, long ipa, long pa) {
        return true;
    }
}
