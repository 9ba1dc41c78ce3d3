package org.micasim.simulator.firmware;

import java.util.function.LongPredicate;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.timing.EventSink;

/**
 * What the hardware offers software running at R-EL2: physical memory accesses (each one granule
 * protection checked for the PAS it names), SMCs to EL3, TLB maintenance, realm vCPUs and the event
 * sink for the cost model. This is the seam between the hardware model and the RMM, the counterpart of
 * TF-RMM's host harness.
 */
public interface FirmwareServices {
    /** Reads 8 bytes, little-endian, from {@code pa} in {@code pas}. */
    long read64(Pas pas, long pa) throws PhysicalAccessException;

    /** Writes 8 bytes, little-endian, to {@code pa} in {@code pas}. */
    void write64(Pas pas, long pa, long value) throws PhysicalAccessException;

    /**
     * Reads the 64-bit words at {@code pa}, {@code pa + 8}, ... in {@code pas} one by one, as a loop of
     * loads does, until {@code stop} accepts a word or {@code count} words have been read; returns the
     * index of the accepted word, or {@code count} if none was. Each word read is one access for the cost
     * model, exactly as {@code count} calls of {@link #read64} up to the accepted word would be. The words
     * must lie in one granule, which is checked once (a fault on it would fault every load alike).
     *
     * @throws IllegalArgumentException if the range leaves the granule of {@code pa} or is not 8-byte aligned
     */
    int scan64(Pas pas, long pa, int count, LongPredicate stop) throws PhysicalAccessException;

    /** Reads {@code len} bytes starting at {@code pa}; the range may cross granules, each is checked. */
    void read(Pas pas, long pa, byte[] dst, int offset, int len) throws PhysicalAccessException;

    /** Writes {@code len} bytes starting at {@code pa}; the range may cross granules, each is checked. */
    void write(Pas pas, long pa, byte[] src, int offset, int len) throws PhysicalAccessException;

    /** Fills the 4 KiB granule at {@code pa} with zeros (DC ZVA over the granule). */
    void zeroGranule(Pas pas, long pa) throws PhysicalAccessException;

    /**
     * Executes SMC from R-EL2 to EL3 with X0 = {@code fid} and X1.. = {@code args}, returning X0..X3
     * (RMM_GTSI_DELEGATE, RMM_GTSI_UNDELEGATE, RMM_ATTEST_GET_REALM_KEY, RMM_ATTEST_GET_PLAT_TOKEN ...).
     */
    MonitorResult monitorCall(long fid, long... args);

    /** TLBI VMALLS12E1IS for {@code vmid} in the Realm security state. */
    void tlbiVmid(int vmid);

    /** TLBI IPAS2E1IS for one 4 KiB IPA of {@code vmid} in the Realm security state, then VMALLE1IS. */
    void tlbiIpa(int vmid, long ipa);

    /** Creates a realm vCPU whose registers start at {@code pc} and {@code gprs} (X0..X7). */
    RealmVcpu createVcpu(long pc, long[] gprs);

    /** The sink that turns the firmware's work into cycles and statistics. */
    EventSink events();
}
