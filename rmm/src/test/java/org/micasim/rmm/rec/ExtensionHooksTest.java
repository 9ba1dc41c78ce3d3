package org.micasim.rmm.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.micasim.rmm.GuestRealm;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRecExit;
import org.micasim.rmm.abi.RmiRecExitReason;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.realm.RealmLifecycleListener;
import org.micasim.rmm.realm.Rd;
import org.micasim.simulator.guest.GuestProgramRegistry;

/** The extension hooks Mica builds on: lifecycle listeners, realm SMC filter, exit observer, extra commands. */
class ExtensionHooksTest {
    @Test
    void hooks_seeLifecycleBlockSmcsAndObserveExits() {
        List<String> events = new ArrayList<>();
        long[] seen = new long[2];
        GuestProgramRegistry programs = new GuestProgramRegistry().register("blocked", () -> cpu -> {
            seen[0] = cpu.smc(RsiCommand.RSI_VERSION.fid(), 0x10000)[0];
            seen[1] = cpu.smc(RsiCommand.RSI_MEASUREMENT_READ.fid(), 0)[0];
        });
        try (RmmTestbed t = new RmmTestbed(programs, null, null, rmm -> {
            rmm.addLifecycleListener(new RealmLifecycleListener() {
                @Override
                public void realmCreated(Rd rd) {
                    events.add("created");
                }

                @Override
                public void realmActivated(Rd rd) {
                    events.add("activated");
                }
            });
            rmm.addExitFilter(new RealmExitFilter() {
                @Override
                public boolean allowRealmSmc(Rd rd, Rec rec, long fid) {
                    return fid != RsiCommand.RSI_VERSION.fid();
                }

                @Override
                public void beforeExitToHost(Rd rd, Rec rec, RmiRecExit exit) {
                    events.add("exit " + exit.exitReason());
                }
            });
            rmm.rmi().register(RmiCommand.RMI_SGT, x -> org.micasim.rmm.rmi.RmiResult.success());
        })) {
            GuestRealm g = new GuestRealm(t, 1, "blocked", 1);
            assertEquals(0, t.smc(RmiCommand.RMI_SGT, 0).x0(), "extension command registered");
            g.runUntil(0, RmiRecExitReason.RMI_EXIT_PSCI);
            assertEquals(RsiStatus.RSI_ERROR_STATE.code(), seen[0], "blocked SMC answers RSI_ERROR_STATE");
            assertEquals(RsiStatus.RSI_SUCCESS.code(), seen[1]);
            assertEquals("created", events.get(0));
            assertEquals("activated", events.get(1));
            assertEquals("exit RMI_EXIT_PSCI", events.get(events.size() - 1));
        }
    }
}
