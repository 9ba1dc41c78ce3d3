package org.micasim.realms.fuzz;

import java.util.function.Function;
import org.micasim.realms.platform.DefaultPlatform;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.attestation.SimulatedPlatform;
import org.micasim.rmm.invariant.InvariantChecker;
import org.micasim.rmm.invariant.PhysicalView;
import org.micasim.rmm.mica.MicaExtension;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.machine.Machine;

/**
 * A freshly booted default platform (docs/platform.md) under attack: the machine, the RMM's state (read
 * only, for the invariant checker and for drawing arguments from live objects) and the checker.
 */
public final class FuzzTarget implements AutoCloseable {
    private final Machine machine;
    private final RmmState rmm;
    private final InvariantChecker checker;

    FuzzTarget(DefaultPlatform.Booted booted) {
        this.machine = booted.machine();
        this.rmm = booted.rmm().state();
        this.checker = new InvariantChecker(rmm, PhysicalView.of(machine));
    }

    /** How a sequence gets its machine. */
    @FunctionalInterface
    public interface Factory {
        /**
         * The platform to boot for a run of {@code programs}, configured but not built; with
         * {@code attested}, the platform has an attestation root and the RMM fetches its RAK and platform
         * token at boot (slow: P-384 work).
         */
        DefaultPlatform platform(GuestProgramRegistry programs, boolean attested);

        /** Boots a fresh target from {@link #platform}. */
        default FuzzTarget boot(GuestProgramRegistry programs, boolean attested) {
            return new FuzzTarget(platform(programs, attested).start());
        }
    }

    /**
     * The default platform as {@code mica} boots it, with {@code processingElements} PEs, a simulated
     * attestation root derived from {@code attestationSeed}, and the Mica extension if {@code mica}.
     */
    public static Factory standard(int processingElements, long attestationSeed, boolean mica) {
        return decorated(processingElements, attestationSeed, mica, rmm -> rmm);
    }

    /**
     * Like {@link #standard}, but the firmware EL3 calls is {@code decorate} applied to the RMM
     * ({@link DefaultPlatform#firmware}): the hook the fuzzer's self-test uses to run against a deliberately
     * broken RMM. The checker still reads the real RMM's state.
     */
    public static Factory decorated(int processingElements, long attestationSeed, boolean mica,
                                    Function<Rmm, RealmFirmware> decorate) {
        SimulatedPlatform platform = new SimulatedPlatform(attestationSeed);
        return (programs, attested) -> {
            DefaultPlatform p = DefaultPlatform.builder().guestPrograms(programs)
                .processingElements(processingElements).firmware(decorate);
            if (attested) {
                p.attestation(platform);
            }
            if (mica) {
                p.extension(new MicaExtension());
            }
            return p;
        };
    }

    public Machine machine() {
        return machine;
    }

    public HostCpu host(int pe) {
        return machine.host(pe);
    }

    /** The RMM's state: read it, never change it. */
    public RmmState rmm() {
        return rmm;
    }

    public InvariantChecker checker() {
        return checker;
    }

    @Override
    public void close() {
        machine.close();
    }
}
