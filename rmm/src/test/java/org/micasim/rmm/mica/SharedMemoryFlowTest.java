package org.micasim.rmm.mica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.micasim.rmm.mica.Policies.SHM0;

import org.junit.jupiter.api.Test;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.granule.GranuleState;
import org.micasim.simulator.machine.SmcResult;

/**
 * The network-service pipeline (rnet gateway, ra client) set up through RMI and RSI only on the real
 * machine: the dummy-page phase, sequential upload, activation, and data flowing through the channel.
 */
class SharedMemoryFlowTest {
    private static final long MARK = 0x1234_5678_9ABC_DEF0L;

    private static long hostCallValue(RmiRecExit e) {
        assertEquals(RmiRecExitReason.RMI_EXIT_HOST_CALL, e.exitReason(), "exit " + e.exitReason());
        return e.gpr(0);
    }

    @Test
    void dummyPagePhaseThenActivationThenDataFlows() {
        try (MicaRig rig = new MicaRig()) {
            byte[] rnetPolicy = PolyWriter.encode(Policies.rnet());
            byte[] raPolicy = PolyWriter.encode(Policies.ra());
            MicaRig.Realm rnet = rig.create("rnet", cpu -> {
                MicaRig.report(cpu, cpu.load64(SHM0), cpu.load64(SHM0 + 0x1000));
                MicaRig.report(cpu, MicaRig.upload(cpu, rnetPolicy));
                MicaRig.report(cpu, cpu.load64(SHM0 + 0x1008));
            }, 1, SHM0);
            MicaRig.Realm ra = rig.create("ra", cpu -> {
                MicaRig.report(cpu, MicaRig.upload(cpu, raPolicy));
                cpu.store64(SHM0 + 0x1008, MARK);
                MicaRig.report(cpu, 1);
            }, 2, SHM0);
            long p0 = rig.channel(2);
            rig.activate(rnet);
            rig.share(rnet, SHM0, p0, 2);

            long dummy = rig.state().realmDummy(rnet.rd());
            SmcResult before = rig.entry(rnet, SHM0 + 0x1000);
            assertEquals(1, before.x2(), "ASSIGNED");
            assertEquals(dummy, before.x3(), "before upload the shared IPA maps the dummy page");
            assertEquals(2, rig.state().sgt().size());
            assertEquals(GranuleState.DATA, rig.t.rmm.state().granules().stateOf(p0),
                    "a shared page can no longer be undelegated");
            assertEquals("RMI_ERROR_INPUT", rig.t.status(RmiCommand.RMI_GRANULE_UNDELEGATE, p0));

            RmiRecExit first = rig.enter(rnet);
            assertEquals(0, first.gpr(0), "the dummy page reads as zero");
            assertEquals(0, first.gpr(1));
            assertEquals(RsiStatus.RSI_SUCCESS.code(), hostCallValue(rig.enter(rnet)), rig.state().lastUpload(rnet.rd())
                    .toString());
            assertEquals(p0 + 0x1000, rig.entry(rnet, SHM0 + 0x1000).x3(), "activation mapped the real page");

            rig.activate(ra);
            rig.share(ra, SHM0, p0, 2);
            assertEquals(RsiStatus.RSI_SUCCESS.code(), hostCallValue(rig.enter(ra)),
                    rig.state().lastUpload(ra.rd()).toString());
            assertEquals(1, hostCallValue(rig.enter(ra)));
            assertEquals(MARK, hostCallValue(rig.enter(rnet)), "rnet reads what ra wrote");
        }
    }

    @Test
    void theDummyPageCannotBeWritten() {
        try (MicaRig rig = new MicaRig()) {
            MicaRig.Realm r = rig.create("writer", cpu -> {
                cpu.store64(SHM0, MARK);
                MicaRig.report(cpu, 1);
            }, 1, SHM0);
            rig.activate(r);
            rig.share(r, SHM0, rig.channel(1), 1);
            RmiRecExit e = rig.enter(r);
            assertEquals(RmiRecExitReason.RMI_EXIT_SYNC, e.exitReason(), "the write faults before the upload");
            assertEquals(0x24, e.esr() >>> 26, "a data abort");
        }
    }
}
