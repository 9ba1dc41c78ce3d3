package org.micasim.rmm.rmi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.timing.EventKind;

/**
 * Access to host-supplied Non-secure granules (RmiRealmParams, RmiRecParams, RmiRecRun, DATA_CREATE
 * source). The RMM checks its own record of the granule first (aligned, delegable, UNDELEGATED), then
 * copies through the GPC: if the host delegated the granule meanwhile the copy faults and the command
 * fails with RMI_ERROR_INPUT, as TF-RMM's {@code ns_read}/{@code ns_write} with GPF recovery do.
 *
 * @spec Arm DEN0137 1.0-rel0 §A4.3.3, §B3 GranuleAccessPermitted; rmm.md §9.4
 */
final class HostMemory {
    private HostMemory() {
    }

    /** *_align, *_bound, *_pas: the granule is aligned, delegable and UNDELEGATED in the RMM's view. */
    static boolean isNsGranule(RmmState s, long pa) {
        Granule g = s.granules().find(pa);
        return g != null && g.state() == GranuleState.UNDELEGATED;
    }

    /** Reads {@code len} bytes at {@code pa} in the NS PAS; a GPF fails the command with RMI_ERROR_INPUT. */
    static byte[] read(RmmState s, long pa, int len) throws RmiError {
        byte[] b = new byte[len];
        try {
            s.services().read(Pas.NON_SECURE, pa, b, 0, len);
        } catch (PhysicalAccessException e) {
            throw RmiError.input();
        }
        s.services().events().event(EventKind.COPY_BYTES, len);
        return b;
    }

    /** Reads {@code dst.length} bytes at {@code pa} in the NS PAS into {@code dst}; as {@link #read}. */
    static void readInto(RmmState s, long pa, byte[] dst) throws RmiError {
        try {
            s.services().read(Pas.NON_SECURE, pa, dst, 0, dst.length);
        } catch (PhysicalAccessException e) {
            throw RmiError.input();
        }
        s.services().events().event(EventKind.COPY_BYTES, dst.length);
    }

    /** Writes {@code b} at {@code pa} in the NS PAS; a GPF fails the command with RMI_ERROR_INPUT. */
    static void write(RmmState s, long pa, byte[] b) throws RmiError {
        try {
            s.services().write(Pas.NON_SECURE, pa, b, 0, b.length);
        } catch (PhysicalAccessException e) {
            throw RmiError.input();
        }
        s.services().events().event(EventKind.COPY_BYTES, b.length);
    }
}
