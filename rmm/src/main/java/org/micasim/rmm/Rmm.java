package org.micasim.rmm;

import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.SmcFid;
import org.micasim.rmm.rmi.DataCommands;
import org.micasim.rmm.rmi.GranuleCommands;
import org.micasim.rmm.rmi.RealmCommands;
import org.micasim.rmm.rmi.RecCommands;
import org.micasim.rmm.rmi.RecEnterCommand;
import org.micasim.rmm.rmi.RipasCommands;
import org.micasim.rmm.rmi.RmiDispatcher;
import org.micasim.rmm.rmi.RttCommands;
import org.micasim.rmm.rmi.RttMapCommands;
import org.micasim.rmm.rmi.VersionCommands;
import org.micasim.rmm.rsi.AttestationFunctions;
import org.micasim.rmm.rsi.HostCallFunction;
import org.micasim.rmm.rsi.MeasurementFunctions;
import org.micasim.rmm.rsi.MemoryFunctions;
import org.micasim.rmm.rsi.PsciFunctions;
import org.micasim.rmm.rsi.RealmTokenIssuer;
import org.micasim.rmm.rsi.RsiDispatcher;
import org.micasim.rmm.rsi.VersionFunctions;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.firmware.SmcContext;

/**
 * The Realm Management Monitor: the firmware image at R-EL2. {@link #boot} builds its state and the RMI
 * and RSI dispatch tables (all 23 RMI 1.0 commands, the 10 RSI commands and PSCI), then installs the
 * configured extensions; {@link #handleRmi} serves one host SMC.
 *
 * @spec Arm DEN0137 1.0-rel0 (RMM specification)
 */
public final class Rmm implements RealmFirmware {
    /** Builds the token issuer once the RMM is booted (it may call EL3 for the RAK and platform token). */
    @FunctionalInterface
    public interface TokenIssuerFactory {
        RealmTokenIssuer create(RmmState rmm);
    }

    private final RmmConfig config;
    private final TokenIssuerFactory tokenIssuerFactory;
    private RmmState state;

    /** An RMM without attestation support (RSI_ATTESTATION_TOKEN_CONTINUE answers RSI_ERROR_UNKNOWN). */
    public Rmm(RmmConfig config) {
        this(config, null);
    }

    /** An RMM whose tokens come from the issuer {@code factory} builds at boot. */
    public Rmm(RmmConfig config, TokenIssuerFactory factory) {
        this.config = config;
        this.tokenIssuerFactory = factory;
    }

    @Override
    public void boot(FirmwareServices services) {
        if (state != null) {
            throw new IllegalStateException("the RMM boots once");
        }
        RmmState s = new RmmState(services, config);
        registerRmi(s);
        registerRsi(s);
        if (tokenIssuerFactory != null) {
            s.setTokenIssuer(tokenIssuerFactory.create(s));
        }
        for (RmmExtension e : config.extensions()) {
            e.install(s);
        }
        state = s;
    }

    /**
     * Serves one RMI call on the calling PE's thread; several PEs may be in here at once. RMI_VERSION and
     * RMI_FEATURES read nothing that changes and take no lock, as in TF-RMM; every other command passes
     * the quiesce gate ({@link RmmState#lock()}) as a reader and takes TF-RMM's granule locks itself.
     */
    @Override
    public void handleRmi(SmcContext call) {
        RmmState s = requireBooted();
        long fid = call.x(0) & ~SmcFid.SVE_HINT;
        if (fid == RmiCommand.RMI_VERSION.fid() || fid == RmiCommand.RMI_FEATURES.fid()) {
            s.rmi().dispatch(call);
            return;
        }
        QuiesceGate gate = s.lock();
        gate.enter();
        try {
            s.rmi().dispatch(call);
        } finally {
            gate.exit();
        }
    }

    /** The booted state (for the host-side tools, tests and extensions). */
    public RmmState state() {
        return requireBooted();
    }

    private RmmState requireBooted() {
        if (state == null) {
            throw new IllegalStateException("the RMM has not booted");
        }
        return state;
    }

    private static void registerRmi(RmmState s) {
        RmiDispatcher d = s.rmi();
        VersionCommands version = new VersionCommands(s.config());
        GranuleCommands granule = new GranuleCommands(s);
        RealmCommands realm = new RealmCommands(s);
        RecCommands rec = new RecCommands(s);
        RecEnterCommand recEnter = new RecEnterCommand(s);
        DataCommands data = new DataCommands(s);
        RttCommands rtt = new RttCommands(s);
        RttMapCommands map = new RttMapCommands(s);
        RipasCommands ripas = new RipasCommands(s);
        d.register(RmiCommand.RMI_VERSION, version::version);
        d.register(RmiCommand.RMI_FEATURES, version::features);
        d.register(RmiCommand.RMI_GRANULE_DELEGATE, granule::delegate);
        d.register(RmiCommand.RMI_GRANULE_UNDELEGATE, granule::undelegate);
        d.register(RmiCommand.RMI_REALM_CREATE, realm::create);
        d.register(RmiCommand.RMI_REALM_ACTIVATE, realm::activate);
        d.register(RmiCommand.RMI_REALM_DESTROY, realm::destroy);
        d.register(RmiCommand.RMI_REC_AUX_COUNT, rec::auxCount);
        d.register(RmiCommand.RMI_REC_CREATE, rec::create);
        d.register(RmiCommand.RMI_REC_DESTROY, rec::destroy);
        d.register(RmiCommand.RMI_REC_ENTER, recEnter::enter);
        d.register(RmiCommand.RMI_PSCI_COMPLETE, rec::psciComplete);
        d.register(RmiCommand.RMI_DATA_CREATE, data::create);
        d.register(RmiCommand.RMI_DATA_CREATE_UNKNOWN, data::createUnknown);
        d.register(RmiCommand.RMI_DATA_DESTROY, data::destroy);
        d.register(RmiCommand.RMI_RTT_CREATE, rtt::create);
        d.register(RmiCommand.RMI_RTT_DESTROY, rtt::destroy);
        d.register(RmiCommand.RMI_RTT_FOLD, rtt::fold);
        d.register(RmiCommand.RMI_RTT_READ_ENTRY, rtt::readEntry);
        d.register(RmiCommand.RMI_RTT_MAP_UNPROTECTED, map::map);
        d.register(RmiCommand.RMI_RTT_UNMAP_UNPROTECTED, map::unmap);
        d.register(RmiCommand.RMI_RTT_INIT_RIPAS, ripas::init);
        d.register(RmiCommand.RMI_RTT_SET_RIPAS, ripas::set);
    }

    private static void registerRsi(RmmState s) {
        RsiDispatcher d = s.rsi();
        MeasurementFunctions measurement = new MeasurementFunctions(s);
        AttestationFunctions attestation = new AttestationFunctions(s);
        MemoryFunctions memory = new MemoryFunctions(s);
        HostCallFunction hostCall = new HostCallFunction(s);
        d.register(RsiCommand.RSI_VERSION, VersionFunctions::version);
        d.register(RsiCommand.RSI_FEATURES, VersionFunctions::features);
        d.register(RsiCommand.RSI_MEASUREMENT_READ, measurement::read);
        d.register(RsiCommand.RSI_MEASUREMENT_EXTEND, measurement::extend);
        d.register(RsiCommand.RSI_ATTESTATION_TOKEN_INIT, attestation::init);
        d.register(RsiCommand.RSI_ATTESTATION_TOKEN_CONTINUE, attestation::cont);
        d.register(RsiCommand.RSI_REALM_CONFIG, memory::realmConfig);
        d.register(RsiCommand.RSI_IPA_STATE_SET, memory::ipaStateSet);
        d.register(RsiCommand.RSI_IPA_STATE_GET, memory::ipaStateGet);
        d.register(RsiCommand.RSI_HOST_CALL, hostCall::hostCall);
        d.register(RsiCommand.SMCCC_VERSION, PsciFunctions::smcccVersion);
        d.register(RsiCommand.PSCI_VERSION, PsciFunctions::version);
        d.register(RsiCommand.PSCI_FEATURES, PsciFunctions::features);
        d.register(RsiCommand.PSCI_CPU_SUSPEND_32, PsciFunctions::cpuSuspend);
        d.register(RsiCommand.PSCI_CPU_SUSPEND_64, PsciFunctions::cpuSuspend);
        d.register(RsiCommand.PSCI_CPU_OFF, PsciFunctions::cpuOff);
        d.register(RsiCommand.PSCI_CPU_ON_32, PsciFunctions::cpuOn);
        d.register(RsiCommand.PSCI_CPU_ON_64, PsciFunctions::cpuOn);
        d.register(RsiCommand.PSCI_AFFINITY_INFO_32, PsciFunctions::affinityInfo);
        d.register(RsiCommand.PSCI_AFFINITY_INFO_64, PsciFunctions::affinityInfo);
        d.register(RsiCommand.PSCI_SYSTEM_OFF, PsciFunctions::systemOff);
        d.register(RsiCommand.PSCI_SYSTEM_RESET, PsciFunctions::systemOff);
    }
}
