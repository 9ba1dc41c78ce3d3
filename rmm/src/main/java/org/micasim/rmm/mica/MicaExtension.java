package org.micasim.rmm.mica;

import org.micasim.rmm.RmmExtension;
import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RsiCommand;

/**
 * The Mica extension of the RMM: installs the four RMI commands, the three RSI commands, the lifecycle
 * changes to the standard commands and the control-transfer filter into a freshly booted RMM. One
 * instance per machine; after boot, {@link #state()} gives the Mica state for diagnostics and tests.
 */
public final class MicaExtension implements RmmExtension {
    private MicaState state;

    @Override
    public void install(RmmState rmm) {
        if (state != null) {
            throw new IllegalStateException("a MicaExtension is installed into one RMM");
        }
        MicaState m = new MicaState(rmm);
        SharedMemoryCommands rmi = new SharedMemoryCommands(m);
        rmm.rmi().register(RmiCommand.RMI_DATA_CREATE_UNKNOWN_SHARED, rmi::dataCreateUnknownShared);
        rmm.rmi().register(RmiCommand.RMI_REALM_PD, rmi::realmPd);
        rmm.rmi().register(RmiCommand.RMI_SGT, rmi::sgt);
        rmm.rmi().register(RmiCommand.RMI_REALM_DUMMY_PAGE, rmi::realmDummyPage);
        PolicyUploadFunction upload = new PolicyUploadFunction(m);
        GroupAttestationFunctions group = new GroupAttestationFunctions(m);
        rmm.rsi().register(RsiCommand.RSI_UPLOAD_POLICY, upload::upload);
        rmm.rsi().register(RsiCommand.RSI_ATTEST_TOKEN_INIT_GROUP, group::init);
        rmm.rsi().register(RsiCommand.RSI_ATTEST_TOKEN_CONTINUE_GROUP, group::cont);
        rmm.addLifecycleListener(new MicaLifecycle(m));
        rmm.addExitFilter(new ControlTransferFilter(m));
        state = m;
    }

    /** The Mica state of the RMM this extension was installed into. */
    public MicaState state() {
        if (state == null) {
            throw new IllegalStateException("the Mica extension is not installed");
        }
        return state;
    }
}
