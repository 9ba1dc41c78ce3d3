package org.micasim.realms.platform;

import java.util.List;
import java.util.function.Function;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmConfig;
import org.micasim.rmm.RmmExtension;
import org.micasim.rmm.attestation.SimulatedPlatform;
import org.micasim.rmm.granule.DramBank;
import org.micasim.rmm.rsi.CcaRealmTokenIssuer;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.guest.GuestProgramRegistry;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.MemoryRegion;
import org.micasim.simulator.memory.Pas;

/**
 * Assembles the default platform of docs/platform.md with our RMM at R-EL2: one call gives a booted
 * {@link Machine} whose NS DRAM (0x8000_0000..0xFFFF_FFFF) the RMM manages as delegable memory.
 *
 * <pre>{@code
 * Machine m = DefaultPlatform.boot();                       // the default platform, as `mica` uses it
 * Machine n = DefaultPlatform.builder().guestPrograms(programs).attestation(7).build();
 * SmcResult r = m.host(0).smc(RmiCommand.RMI_VERSION.fid(), 0x10000);
 * }</pre>
 *
 * The platform's attestation root (RAK and platform token, served by EL3) is optional in the builder;
 * without one the RMM reports RSI_ERROR_UNKNOWN when a realm asks for a token. {@link #boot()} includes
 * the simulated root derived from {@link #DEFAULT_SEED}.
 *
 * <p>With {@link #checkInvariants}, the RMM's invariants are checked after every RMI call and a violation
 * stops the caller with an {@link InvariantViolation}; the check is read-only, so the run's output,
 * cycles and trace are those of the same run without it.
 */
public final class DefaultPlatform {
    private GuestProgramRegistry programs = new GuestProgramRegistry();
    private PlatformAttestation attestation;
    private Rmm.TokenIssuerFactory tokenIssuers;
    private int processingElements = 1;
    private long timeslice = Machine.DEFAULT_TIMESLICE;
    private org.micasim.simulator.timing.TimingProfile profile;
    private final java.util.ArrayList<RmmExtension> extensions = new java.util.ArrayList<>();
    private Function<Rmm, RealmFirmware> firmware = rmm -> rmm;
    private InvariantWatch invariants;

    /** A built and booted platform: the machine and the RMM at its R-EL2. */
    public record Booted(Machine machine, Rmm rmm) {
    }

    /**
     * The RMM's own Realm-PAS memory through which EL3 hands it the RAK and the platform token (TF-RMM's
     * EL3 shared buffer): outside DRAM, never delegable.
     */
    public static final MemoryRegion RMM_EL3_BUFFER = new MemoryRegion("rmm-el3-buffer", 0x0700_0000L,
        0x2000L, Pas.REALM, false);

    /** Seed of the simulated attestation root of {@link #boot()}. */
    public static final long DEFAULT_SEED = 0;

    private DefaultPlatform() {
    }

    /** A booted default platform: one PE, no guest programs, simulated attestation from {@link #DEFAULT_SEED}. */
    public static Machine boot() {
        return builder().attestation(DEFAULT_SEED).build();
    }

    public static DefaultPlatform builder() {
        return new DefaultPlatform();
    }

    /** The guest programs realm images may name. */
    public DefaultPlatform guestPrograms(GuestProgramRegistry registry) {
        this.programs = registry;
        return this;
    }

    /**
     * The platform attestation root EL3 serves (RAK and platform token); the RMM fetches both at boot
     * through its EL3 buffer and signs realm tokens with the RAK.
     */
    public DefaultPlatform attestation(PlatformAttestation platform) {
        this.attestation = platform;
        this.tokenIssuers = CcaRealmTokenIssuer.factory(RMM_EL3_BUFFER.base(), (int) RMM_EL3_BUFFER.size());
        return this;
    }

    /** A simulated platform attestation root (SimulatedPlatform) derived from {@code seed}. */
    public DefaultPlatform attestation(long seed) {
        return attestation(new SimulatedPlatform(seed));
    }

    /** An RMM extension to install at boot (Mica). */
    public DefaultPlatform extension(RmmExtension e) {
        extensions.add(e);
        return this;
    }

    public DefaultPlatform processingElements(int n) {
        this.processingElements = n;
        return this;
    }

    /** Guest instructions per REC entry before the host timer preempts the realm. */
    public DefaultPlatform vcpuTimeslice(long instructions) {
        this.timeslice = instructions;
        return this;
    }

    /** The timing profile (default: the simulator's shipped profile). */
    public DefaultPlatform timingProfile(org.micasim.simulator.timing.TimingProfile p) {
        this.profile = p;
        return this;
    }

    /**
     * The firmware EL3 calls is {@code decorate} applied to the RMM (default: the RMM itself): the hook
     * through which the fuzzer's self-test and the CLI tests run a deliberately broken RMM. The invariant
     * checker still reads the real RMM's state.
     */
    public DefaultPlatform firmware(Function<Rmm, RealmFirmware> decorate) {
        this.firmware = decorate;
        return this;
    }

    /**
     * Checks the RMM's invariants after every RMI call, counting the checks in {@code watch}; the call
     * that breaks one throws an {@link InvariantViolation} (see {@link InvariantCheckedFirmware}).
     */
    public DefaultPlatform checkInvariants(InvariantWatch watch) {
        this.invariants = watch;
        return this;
    }

    /** The default platform's memory map plus the RMM's EL3 buffer. */
    public static MemoryMap memoryMap() {
        MemoryMap base = MemoryMap.defaultPlatform();
        List<MemoryRegion> regions = new java.util.ArrayList<>(base.regions());
        regions.add(RMM_EL3_BUFFER);
        return new MemoryMap(base.paBits(), regions);
    }

    /** The RMM's view of the platform: every DRAM region delegable. */
    public static RmmConfig rmmConfig(MemoryMap map) {
        List<DramBank> banks = new java.util.ArrayList<>();
        for (MemoryRegion r : map.regions()) {
            if (r.delegable()) {
                banks.add(new DramBank(r.base(), r.size()));
            }
        }
        return RmmConfig.defaults(banks);
    }

    /** Builds and boots the machine. */
    public Machine build() {
        return start().machine();
    }

    /** Builds and boots the machine, and returns it with its RMM (for tools that read the RMM's state). */
    public Booted start() {
        MemoryMap map = memoryMap();
        RmmConfig config = rmmConfig(map);
        for (RmmExtension e : extensions) {
            config = config.withExtension(e);
        }
        Rmm rmm = new Rmm(config, tokenIssuers);
        RealmFirmware atRel2 = firmware.apply(rmm);
        InvariantCheckedFirmware checked = null;
        if (invariants != null) {
            checked = new InvariantCheckedFirmware(atRel2, rmm, invariants);
            atRel2 = checked;
        }
        Machine m = Machine.builder().memoryMap(map).firmware(atRel2).platformAttestation(attestation)
            .guestPrograms(programs).processingElements(processingElements).vcpuTimeslice(timeslice).timingProfile(profile).build();
        m.boot();
        if (checked != null) {
            checked.attach(m);
        }
        return new Booted(m, rmm);
    }
}
