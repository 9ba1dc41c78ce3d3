package org.micasim.rmm.rec;

import java.util.List;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.realm.Rd;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * A Realm Execution Context: the vCPU's state (held by the simulator's {@link RealmVcpu}) plus the RMM's
 * per-REC attributes. Keyed by the REC granule's PA; the REC granule's refcount is 1 while it runs.
 *
 * <p>Its mutable fields belong to whoever has the REC: an RMI command holding the REC granule's lock
 * while the refcount is 0, or, while it is 1, the PE running the REC (RMI_REC_ENTER and the RSI calls it
 * handles), as in TF-RMM; the refcount's atomic updates order the hand-over.
 *
 * @spec Arm DEN0137 1.0-rel0 §A2.3 (REC attributes); TF-RMM {@code struct rec}
 */
public final class Rec {
    private final Granule granule;
    private final Rd owner;
    private final long mpidr;
    private final List<Granule> aux;
    private final RealmVcpu vcpu;
    private boolean runnable;
    private PendingPsci psciPending;
    private RipasChange ripasChange;
    private long hostCallIpa = -1;
    private LastExit lastExit = LastExit.NONE;
    private final AttestationState attestation = new AttestationState();

    public Rec(Granule granule, Rd owner, long mpidr, List<Granule> aux, RealmVcpu vcpu, boolean runnable) {
        this.granule = granule;
        this.owner = owner;
        this.mpidr = mpidr;
        this.aux = List.copyOf(aux);
        this.vcpu = vcpu;
        this.runnable = runnable;
    }

    public long pa() {
        return granule.pa();
    }

    public Granule granule() {
        return granule;
    }

    public Rd owner() {
        return owner;
    }

    public long mpidr() {
        return mpidr;
    }

    public long index() {
        return RecMpidr.index(mpidr);
    }

    public List<Granule> aux() {
        return aux;
    }

    public RealmVcpu vcpu() {
        return vcpu;
    }

    /** REC_RUNNING: inside REC_ENTER (refcount 1). */
    public boolean isRunning() {
        return granule.refcount() != 0;
    }

    public boolean isRunnable() {
        return runnable;
    }

    public void setRunnable(boolean r) {
        runnable = r;
    }

    /** The PSCI request waiting for RMI_PSCI_COMPLETE, or null. */
    public PendingPsci psciPending() {
        return psciPending;
    }

    public void setPsciPending(PendingPsci p) {
        psciPending = p;
    }

    /** The RIPAS change the realm requested and the host is working on, or null. */
    public RipasChange ripasChange() {
        return ripasChange;
    }

    public void setRipasChange(RipasChange c) {
        ripasChange = c;
    }

    /** IPA of the RsiHostCall structure of a pending host call, or -1. */
    public long hostCallIpa() {
        return hostCallIpa;
    }

    public void setHostCallIpa(long ipa) {
        hostCallIpa = ipa;
    }

    /** Syndrome of the last exit, used to validate the host's completion on the next entry. */
    public LastExit lastExit() {
        return lastExit;
    }

    public void setLastExit(LastExit e) {
        lastExit = e;
    }

    public AttestationState attestation() {
        return attestation;
    }

    /** A PSCI call forwarded to the host: function ID and target MPIDR. */
    public record PendingPsci(long fid, long targetMpidr, long entry, long contextId) {
    }

    /**
     * RIPAS change request state: the next address to change ({@code addr}, advanced by RTT_SET_RIPAS),
     * the requested top and value, and whether DESTROYED entries may change.
     */
    public static final class RipasChange {
        private final long base;
        private final long top;
        private final int value;
        private final boolean changeDestroyed;
        private long addr;

        public RipasChange(long base, long top, int value, boolean changeDestroyed) {
            this.base = base;
            this.top = top;
            this.value = value;
            this.changeDestroyed = changeDestroyed;
            this.addr = base;
        }

        public long base() {
            return base;
        }

        public long top() {
            return top;
        }

        /** Requested RIPAS code (RmiRipas). */
        public int value() {
            return value;
        }

        public boolean changeDestroyed() {
            return changeDestroyed;
        }

        public long addr() {
            return addr;
        }

        public void setAddr(long a) {
            addr = a;
        }
    }

    /**
     * The syndrome of the last REC exit: ESR, HPFAR, and whether it was an emulatable data abort (at an
     * unprotected IPA with ISV = 1) the host may complete with emul_mmio or inject_sea.
     */
    public record LastExit(long esr, long far, long hpfar, boolean emulatableAbort, boolean unprotectedAbort) {
        public static final LastExit NONE = new LastExit(0, 0, 0, false, false);
    }
}
